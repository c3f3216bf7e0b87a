/* SPDX-License-Identifier: MIT */
/* cli.h: what the command implementations share. */
#ifndef ORDO_CLI_H
#define ORDO_CLI_H

#include <stdio.h>

#include "catalog.h"
#include "check.h"
#include "estate.h"
#include "render.h"

enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_WARN = 1,
	CLI_EXIT_BLOCKED = 2,
	CLI_EXIT_RUN_STOPPED = 3,
	CLI_EXIT_USAGE = 64,
	CLI_EXIT_DATAERR = 65,
	CLI_EXIT_NOINPUT = 66,
	CLI_EXIT_SOFTWARE = 70,
	CLI_EXIT_CANTCREAT = 73, /* an output file (-o) cannot be created or written */
	CLI_EXIT_IOERR = 74,
	CLI_EXIT_TEMPFAIL = 75,
};

/* which options a command takes */
enum {
	OPT_FORMAT = 1 << 0,
	OPT_OUTPUT = 1 << 1,
	OPT_TARGET = 1 << 2,
	OPT_CATALOG = 1 << 3,
	OPT_COLOR = 1 << 4,
	OPT_QUIET = 1 << 5,
	OPT_JOURNAL = 1 << 6,
	OPT_RUNBOOK = 1 << 7,
	OPT_RUN = 1 << 8,  /* --max-parallel --dry-run --replan --retry */
	OPT_ACK = 1 << 9,  /* --by --note */
	OPT_VERBOSE = 1 << 10,
	OPT_PRODUCTS = 1 << 11, /* init: --name --target */
	OPT_EXPORT = 1 << 12,   /* export: --inventory --max-fail-percent */
};

typedef struct {
	const char *command;
	const char *format;
	const char *output;
	const char *color;
	bool quiet;
	bool verbose;
	const char *target;
	const char *catalogs[32];
	size_t ncatalogs;
	bool catalog_only;
	const char *journal;
	const char *runbook;
	int max_parallel;
	double max_fail_percent;
	bool dry_run;
	bool replan;
	const char *retry[64];
	size_t nretry;
	const char *by;
	const char *note;
	const char *name;
	const char *inventory;
	const char *args[64];
	int nargs;
} cli_opts;

typedef struct {
	const char *name;
	int (*fn)(cli_opts *o);
	unsigned options;
	const char *usage;
	const char *help;
} cli_command;

const cli_command *cli_find(const char *name);
int cli_usage_error(const cli_opts *o, const char *fmt, ...) ORDO_PRINTF(2, 3);
int cli_error(const char *fmt, ...) ORDO_PRINTF(1, 2);
void cli_warn(const cli_opts *o, const char *fmt, ...) ORDO_PRINTF(2, 3);
/** Print diagnostics and map a library error to an exit code. */
int cli_exit_for(int err, const ordo_diag *d);
/** Load the catalog per the options (--catalog, --catalog-only). */
int cli_load_catalog(cli_opts *o, ordo_catalog **out);
/** Load catalog + estate (args[0]); applies --target. */
int cli_load_estate(cli_opts *o, ordo_catalog **cat, ordo_estate **est);
/** Write buf to -o (atomically) or stdout. */
int cli_emit(const cli_opts *o, ordo_buf *buf);
/** For large reports: stream buf to stdout (or to -o's temporary file) as it
 * grows; cli_emit() then finishes the job. Returns 0 or an exit code. */
int cli_output_begin(const cli_opts *o, ordo_buf *buf);
/** Whether colour is on for stdout. */
bool cli_color(const cli_opts *o);
/** Check --format against the allowed list ("text,json"); sets default. */
int cli_format(cli_opts *o, const char *allowed);

int cmd_check(cli_opts *o);
int cmd_plan(cli_opts *o);
int cmd_catalog(cli_opts *o);
int cmd_explain(cli_opts *o);
int cmd_init(cli_opts *o);
int cmd_help(cli_opts *o);
int cmd_run(cli_opts *o);
int cmd_ack(cli_opts *o);
int cmd_status(cli_opts *o);
int cmd_verify(cli_opts *o);
int cmd_export(cli_opts *o);

#endif
