/* SPDX-License-Identifier: MIT */
/*
 * main.c: the command table, option parsing and the helpers every command
 * shares (loading, output, exit codes). Commands live in cmd_<name>.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef ORDO_VERSION_STRING
#define ORDO_VERSION_STRING "0.0.0"
#endif

static const cli_command commands[] = {
	{"check", cmd_check, OPT_FORMAT | OPT_OUTPUT | OPT_TARGET | OPT_CATALOG | OPT_COLOR | OPT_QUIET | OPT_VERBOSE,
	 "ordo check [--format (text | json | markdown | html)] [--target <release>] [--catalog <path>] [-o <file>] <estate>",
	 "read-only readiness check: findings for the current estate and its target"},
	{"plan", cmd_plan, OPT_FORMAT | OPT_OUTPUT | OPT_TARGET | OPT_CATALOG | OPT_COLOR | OPT_QUIET | OPT_VERBOSE,
	 "ordo plan [--format (text | json | markdown | html | dot)] [--target <release>] [--catalog <path>] [-o <file>] <estate>",
	 "the ordered, verified upgrade plan, with the findings"},
	{"run", cmd_run, OPT_TARGET | OPT_CATALOG | OPT_QUIET | OPT_JOURNAL | OPT_RUNBOOK | OPT_RUN,
	 "ordo run [--journal <file>] [--runbook <file>] [--max-parallel <n>] [--max-fail-percent <p>] [--dry-run] [--replan] [--retry <step>]... <estate>",
	 "execute the plan step by step, journaled and resumable"},
	{"status", cmd_status, OPT_FORMAT | OPT_OUTPUT | OPT_JOURNAL,
	 "ordo status [--journal <file>] [--format (text | json | html)] [-o <file>]",
	 "where a run stands, from its journal"},
	{"ack", cmd_ack, OPT_JOURNAL | OPT_ACK | OPT_QUIET,
	 "ordo ack [--journal <file>] --by <name> [--note <text>] <step>",
	 "record that an operator did a waiting step"},
	{"verify", cmd_verify, OPT_FORMAT | OPT_OUTPUT | OPT_CATALOG | OPT_JOURNAL,
	 "ordo verify [--journal <file>] [--format (text | json)] <estate-after>",
	 "compare an inventory taken after the upgrade with the plan's end state"},
	{"catalog", cmd_catalog, OPT_FORMAT | OPT_OUTPUT | OPT_CATALOG | OPT_QUIET,
	 "ordo catalog (list | show <product> | lint [<file>...]) [--format (text | json)] [--catalog <path>]",
	 "inspect and validate the knowledge base"},
	{"explain", cmd_explain, OPT_FORMAT | OPT_OUTPUT | OPT_CATALOG,
	 "ordo explain [--format (text | json)] [--catalog <path>] <finding-id>",
	 "what a finding means, why, remediation, sources"},
	{"init", cmd_init, OPT_OUTPUT | OPT_CATALOG | OPT_PRODUCTS | OPT_TARGET,
	 "ordo init [--name <estate-name>] [--target <release>] [-o <file>] <product>...",
	 "write a commented estate template for the products named"},
	{"export", cmd_export, OPT_OUTPUT | OPT_TARGET | OPT_CATALOG | OPT_RUNBOOK | OPT_EXPORT,
	 "ordo export ansible [--runbook <file>] [--inventory <file>] [--max-fail-percent <p>] [--target <release>] [--catalog <path>] [-o <file>] <estate>",
	 "the plan as an Ansible playbook whose plays follow its waves"},
	{"help", cmd_help, 0, "ordo help [<command>]", "show help for ordo or a command"},
	{NULL, NULL, 0, NULL, NULL},
};

const cli_command *cli_find(const char *name)
{
	for (const cli_command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("ordo: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_EXIT_SOFTWARE;
}

void cli_warn(const cli_opts *o, const char *fmt, ...)
{
	if (o && o->quiet)
		return;
	va_list ap;
	fputs("ordo: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const cli_opts *o, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "ordo%s%s: ", o && o->command ? " " : "", o && o->command ? o->command : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	const cli_command *c = o && o->command ? cli_find(o->command) : NULL;
	if (c)
		fprintf(stderr, "usage: %s\nsee 'ordo help %s'\n", c->usage, c->name);
	else
		fputs("see 'ordo help'\n", stderr);
	return CLI_EXIT_USAGE;
}

int cli_exit_for(int err, const ordo_diag *d)
{
	if (d)
		ordo_diag_print(d, stderr);
	switch (err) {
	case 0:
		return CLI_EXIT_OK;
	case ORDO_ENOTFOUND:
		return CLI_EXIT_NOINPUT;
	case ORDO_EINVALID:
		return CLI_EXIT_DATAERR;
	case ORDO_ELOCKED:
		return CLI_EXIT_TEMPFAIL;
	case ORDO_ESCHEMA:
		return CLI_EXIT_DATAERR;
	default:
		return CLI_EXIT_SOFTWARE;
	}
}

int cli_load_catalog(cli_opts *o, ordo_catalog **out)
{
	ordo_catalog_options co = ORDO_CATALOG_OPTIONS_INIT;
	co.paths = o->catalogs;
	co.npaths = o->ncatalogs;
	co.no_builtin = o->catalog_only;
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_catalog_load(out, &co, &d);
	int rc = cli_exit_for(err, &d);
	ordo_diag_release(&d);
	return rc;
}

int cli_load_estate(cli_opts *o, ordo_catalog **cat, ordo_estate **est)
{
	*cat = NULL;
	*est = NULL;
	if (o->nargs < 1)
		return cli_usage_error(o, "missing <estate> file");
	if (o->nargs > 1)
		return cli_usage_error(o, "too many arguments: '%s'", o->args[1]);
	int rc = cli_load_catalog(o, cat);
	if (rc)
		return rc;
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_estate_load(est, o->args[0], *cat, &d);
	if (!err && o->target && ordo_estate_override_target(*est, o->target, &d) < 0) {
		/* a bad option value is a usage error, not bad input */
		rc = cli_usage_error(o, "%s", d.items[d.len - 1].message);
		ordo_diag_release(&d);
		ordo_estate_free(*est);
		*est = NULL;
		ordo_catalog_free(*cat);
		*cat = NULL;
		return rc;
	}
	rc = cli_exit_for(err, &d);
	ordo_diag_release(&d);
	if (rc) {
		ordo_estate_free(*est);
		*est = NULL;
		ordo_catalog_free(*cat);
		*cat = NULL;
	}
	return rc;
}

/* the temporary file a streamed -o output goes to, renamed by cli_emit() */
static char *stream_tmp;

int cli_output_begin(const cli_opts *o, ordo_buf *buf)
{
	if (!o->output || !strcmp(o->output, "-")) {
		buf->sink = stdout;
		return 0;
	}
	struct stat st;
	if (stat(o->output, &st) == 0 && !S_ISREG(st.st_mode))
		return 0; /* a device or pipe: cli_emit writes to it directly */
	ordo_buf tmp = ORDO_BUF_INIT;
	ordo_buf_printf(&tmp, "%s.tmp.%ld", o->output, (long)getpid());
	FILE *f = fopen(tmp.ptr, "wb");
	if (!f) {
		fprintf(stderr, "ordo: cannot write '%s': %s\n", o->output, strerror(errno));
		ordo_buf_release(&tmp);
		return CLI_EXIT_CANTCREAT;
	}
	buf->sink = f;
	stream_tmp = ordo_buf_detach(&tmp);
	return 0;
}

int cli_emit(const cli_opts *o, ordo_buf *buf)
{
	if (buf->oom)
		return cli_error("output too large");
	if (buf->sink) {
		FILE *f = buf->sink;
		ordo_buf_flush(buf);
		buf->sink = NULL;
		bool ok = !buf->failed && fflush(f) == 0;
		if (f == stdout) {
			if (!ok)
				return cli_error("cannot write output: %s", strerror(errno));
			return 0;
		}
		ok &= fclose(f) == 0;
		char *tmp = stream_tmp;
		stream_tmp = NULL;
		if (!ok || rename(tmp, o->output) != 0) {
			int e = errno;
			unlink(tmp);
			free(tmp);
			fprintf(stderr, "ordo: cannot write '%s': %s\n", o->output, strerror(e));
			return CLI_EXIT_CANTCREAT;
		}
		free(tmp);
		return 0;
	}
	if (!o->output || !strcmp(o->output, "-")) {
		if (buf->len && fwrite(buf->ptr, 1, buf->len, stdout) != buf->len)
			return cli_error("cannot write output: %s", strerror(errno));
		if (fflush(stdout) != 0)
			return cli_error("cannot write output: %s", strerror(errno));
		return 0;
	}
	struct stat st;
	if (stat(o->output, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or a pipe cannot be replaced by a rename: write to it */
		FILE *f = fopen(o->output, "wb");
		bool ok = f && (!buf->len || fwrite(buf->ptr, 1, buf->len, f) == buf->len);
		if (f)
			ok &= fclose(f) == 0;
		if (!ok) {
			fprintf(stderr, "ordo: cannot write '%s': %s\n", o->output, strerror(errno));
			return CLI_EXIT_CANTCREAT;
		}
		return 0;
	}
	/* write beside the target and rename, so a failure leaves no half file */
	ordo_buf tmp = ORDO_BUF_INIT;
	ordo_buf_printf(&tmp, "%s.tmp.%ld", o->output, (long)getpid());
	FILE *f = fopen(tmp.ptr, "wb");
	if (!f) {
		int e = errno;
		ordo_buf_release(&tmp);
		fprintf(stderr, "ordo: cannot write '%s': %s\n", o->output, strerror(e));
		return CLI_EXIT_CANTCREAT;
	}
	bool ok = (!buf->len || fwrite(buf->ptr, 1, buf->len, f) == buf->len);
	ok &= fclose(f) == 0;
	if (!ok || rename(tmp.ptr, o->output) != 0) {
		int e = errno;
		unlink(tmp.ptr);
		ordo_buf_release(&tmp);
		fprintf(stderr, "ordo: cannot write '%s': %s\n", o->output, strerror(e));
		return CLI_EXIT_CANTCREAT;
	}
	ordo_buf_release(&tmp);
	return 0;
}

bool cli_color(const cli_opts *o)
{
	if (o->output && strcmp(o->output, "-"))
		return false;
	if (o->color && !strcmp(o->color, "always"))
		return true;
	if (o->color && !strcmp(o->color, "never"))
		return false;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	return isatty(STDOUT_FILENO);
}

int cli_format(cli_opts *o, const char *allowed)
{
	if (!o->format) {
		o->format = "text";
		return 0;
	}
	size_t n = strlen(o->format);
	for (const char *p = allowed; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, o->format, n))
			return 0;
		p += len + (comma ? 1 : 0);
	}
	return cli_usage_error(o, "unknown format '%s' (this command writes: %s)", o->format, allowed);
}

/* ---- option parsing ---- */

typedef struct {
	const char *name;
	char shortname;
	unsigned group;
	bool takes_value;
} opt_spec;

static const opt_spec opt_specs[] = {
	{"format", 0, OPT_FORMAT, true},      {"output", 'o', OPT_OUTPUT, true},
	{"target", 0, OPT_TARGET, true},      {"catalog", 0, OPT_CATALOG, true},
	{"catalog-only", 0, OPT_CATALOG, false}, {"color", 0, OPT_COLOR, true},
	{"quiet", 'q', OPT_QUIET, false},     {"verbose", 'v', OPT_VERBOSE, false},
	{"journal", 0, OPT_JOURNAL, true},    {"runbook", 0, OPT_RUNBOOK, true},
	{"max-parallel", 0, OPT_RUN, true},   {"dry-run", 0, OPT_RUN, false},
	{"max-fail-percent", 0, OPT_RUN | OPT_EXPORT, true},
	{"inventory", 0, OPT_EXPORT, true},
	{"replan", 0, OPT_RUN, false},        {"retry", 0, OPT_RUN, true},
	{"by", 0, OPT_ACK, true},             {"note", 0, OPT_ACK, true},
	{"name", 0, OPT_PRODUCTS, true},      {NULL, 0, 0, false},
};

static int set_opt(cli_opts *o, const opt_spec *s, const char *v)
{
	const char *n = s->name;
	if (!strcmp(n, "format"))
		o->format = v;
	else if (!strcmp(n, "output"))
		o->output = v;
	else if (!strcmp(n, "target"))
		o->target = v;
	else if (!strcmp(n, "catalog")) {
		if (o->ncatalogs == sizeof(o->catalogs) / sizeof(o->catalogs[0]))
			return cli_usage_error(o, "too many --catalog options");
		o->catalogs[o->ncatalogs++] = v;
	} else if (!strcmp(n, "catalog-only"))
		o->catalog_only = true;
	else if (!strcmp(n, "color")) {
		if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
			return cli_usage_error(o, "--color takes auto, always or never, not '%s'", v);
		o->color = v;
	} else if (!strcmp(n, "quiet"))
		o->quiet = true;
	else if (!strcmp(n, "verbose"))
		o->verbose = true;
	else if (!strcmp(n, "journal"))
		o->journal = v;
	else if (!strcmp(n, "runbook"))
		o->runbook = v;
	else if (!strcmp(n, "max-parallel")) {
		char *end;
		errno = 0;
		long m = strtol(v, &end, 10);
		if (errno || *end || m < 1 || m > 1024)
			return cli_usage_error(o, "--max-parallel takes a number from 1 to 1024, not '%s'", v);
		o->max_parallel = (int)m;
	} else if (!strcmp(n, "max-fail-percent")) {
		char *end;
		errno = 0;
		double m = strtod(v, &end);
		if (errno || *end || m < 0 || m > 100)
			return cli_usage_error(o, "--max-fail-percent takes a number from 0 to 100, not '%s'", v);
		o->max_fail_percent = m;
	} else if (!strcmp(n, "dry-run"))
		o->dry_run = true;
	else if (!strcmp(n, "replan"))
		o->replan = true;
	else if (!strcmp(n, "retry")) {
		if (o->nretry == sizeof(o->retry) / sizeof(o->retry[0]))
			return cli_usage_error(o, "too many --retry options");
		o->retry[o->nretry++] = v;
	} else if (!strcmp(n, "by"))
		o->by = v;
	else if (!strcmp(n, "note"))
		o->note = v;
	else if (!strcmp(n, "name"))
		o->name = v;
	else if (!strcmp(n, "inventory"))
		o->inventory = v;
	return 0;
}

static int parse(cli_opts *o, const cli_command *c, int argc, char **argv)
{
	bool only_args = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			if (o->nargs == (int)(sizeof(o->args) / sizeof(o->args[0])))
				return cli_usage_error(o, "too many arguments");
			o->args[o->nargs++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			printf("usage: %s\n\n%s\n", c->usage, c->help);
			return -1;
		}
		const opt_spec *s = NULL;
		const char *val = NULL;
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			for (const opt_spec *p = opt_specs; p->name; p++)
				if (strlen(p->name) == len && !strncmp(p->name, name, len))
					s = p;
			if (eq)
				val = eq + 1;
		} else if (a[2] == '\0') {
			for (const opt_spec *p = opt_specs; p->name; p++)
				if (p->shortname && p->shortname == a[1])
					s = p;
		}
		if (!s || !(c->options & s->group)) {
			/* the closest option this command takes */
			const char *names[64];
			size_t n = 0;
			for (const opt_spec *p = opt_specs; p->name && n < 64; p++)
				if (c->options & p->group)
					names[n++] = p->name;
			const char *name = a[1] == '-' ? a + 2 : a + 1;
			size_t len = strcspn(name, "=");
			const char *close = len > 1 ? ordo_closest(name, len, names, n) : NULL;
			if (close)
				return cli_usage_error(o, "unknown option '%s', did you mean '--%s'?", a,
						       close);
			return cli_usage_error(o, "unknown option '%s'", a);
		}
		if (s->takes_value && !val) {
			if (i + 1 >= argc)
				return cli_usage_error(o, "option '%s' needs a value", a);
			val = argv[++i];
		} else if (!s->takes_value && val) {
			return cli_usage_error(o, "option '--%s' takes no value", s->name);
		}
		int rc = set_opt(o, s, val);
		if (rc)
			return rc;
	}
	return 0;
}

int cmd_help(cli_opts *o)
{
	if (o->nargs > 0) {
		const cli_command *c = cli_find(o->args[0]);
		if (!c)
			return cli_usage_error(o, "no such command '%s'", o->args[0]);
		printf("usage: %s\n\n%s\n", c->usage, c->help);
		return 0;
	}
	printf("usage: ordo <command> [options] [args]\n\n"
	       "ordo plans, checks and runs upgrades of multi-component suites.\n\n"
	       "commands:\n");
	for (const cli_command *c = commands; c->name; c++)
		printf("  %-9s %s\n", c->name, c->help);
	printf("\ncommon options: --format <fmt>, -o <file>, --target <release>,\n"
	       "  --catalog <dir-or-file> (adds to the built-in catalog; --catalog-only replaces it),\n"
	       "  --color (auto | always | never), -q\n"
	       "<estate>: a YAML or JSON file in UTF-8, or UTF-16 with a byte order mark,\n"
	       "  or - to read it from standard input ('ordo run -' needs --journal <file>)\n"
	       "exit codes: 0 ok, 1 warnings or planned, 2 blocked, 3 run stopped, 64 usage,\n"
	       "  65 invalid input, 66 missing input, 70 internal error, 73 output not writable,\n"
	       "  74 journal not writable (disk full), 75 journal locked\n"
	       "see 'ordo help <command>'\n");
	return 0;
}

int main(int argc, char **argv)
{
	cli_opts o;
	memset(&o, 0, sizeof(o));
	if (argc < 2) {
		fputs("usage: ordo <command> [options] [args]\nsee 'ordo help'\n", stderr);
		return CLI_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("ordo %s\n", ORDO_VERSION_STRING);
		return 0;
	}
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return cmd_help(&o);
	const cli_command *c = cli_find(name);
	if (!c) {
		const char *names[32];
		size_t n = 0;
		for (const cli_command *k = commands; k->name && n < 32; k++)
			names[n++] = k->name;
		const char *close = ordo_closest(name, strlen(name), names, n);
		if (close)
			fprintf(stderr, "ordo: '%s' is not an ordo command, did you mean '%s'?\nsee 'ordo help'\n",
				name, close);
		else
			fprintf(stderr, "ordo: '%s' is not an ordo command\nsee 'ordo help'\n", name);
		return CLI_EXIT_USAGE;
	}
	o.command = c->name;
	int rc = parse(&o, c, argc - 2, argv + 2);
	if (rc < 0)
		return 0;
	if (rc)
		return rc;
	return c->fn(&o);
}
