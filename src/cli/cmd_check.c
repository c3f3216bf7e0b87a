/* SPDX-License-Identifier: MIT */
/* cmd_check.c: `ordo check <estate>` */
#include <string.h>

#include "cli.h"

int cmd_check(cli_opts *o)
{
	int rc = cli_format(o, "text,json");
	if (rc)
		return rc;
	ordo_catalog *cat;
	ordo_estate *est;
	rc = cli_load_estate(o, &cat, &est);
	if (rc)
		return rc;
	ordo_report *r = NULL;
	ordo_check_run(&r, est, NULL);
	ordo_buf out = ORDO_BUF_INIT;
	if (!strcmp(o->format, "json")) {
		ordo_render_json(&out, r, NULL);
	} else {
		ordo_render_options ro = ORDO_RENDER_OPTIONS_INIT;
		ro.color = cli_color(o);
		ro.verbose = o->verbose;
		if (!o->quiet)
			ordo_render_text(&out, r, NULL, &ro);
	}
	rc = cli_emit(o, &out);
	if (!rc)
		rc = ordo_report_exit_code(r);
	ordo_buf_release(&out);
	ordo_report_free(r);
	ordo_estate_free(est);
	ordo_catalog_free(cat);
	return rc;
}
