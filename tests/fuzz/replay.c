/* SPDX-License-Identifier: MIT */
/*
 * replay.c: run a fuzz target over a corpus without libFuzzer.
 *
 * Usage: replay_<target> <file-or-folder>...
 *
 * Every file named (and every regular file directly inside a folder named,
 * in name order) goes once through the target's LLVMFuzzerTestOneInput, so
 * the corpora kept in the repository are a regression test with any
 * compiler. A crash, an abort or a sanitizer report fails the run; the
 * name of the input being run is printed first when ORDO_REPLAY_VERBOSE
 * is set.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* A target that needs no set-up does not define it. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Corpus files are small; anything larger is a mistake in the corpus. */
#define REPLAY_MAX_INPUT ((size_t)1 << 20)

static int run_file(const char *path, bool verbose)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "replay: cannot read '%s'\n", path);
		return -1;
	}
	uint8_t *buf = malloc(REPLAY_MAX_INPUT + 1);
	size_t n = fread(buf, 1, REPLAY_MAX_INPUT + 1, fp);
	bool bad = ferror(fp) || n > REPLAY_MAX_INPUT;
	fclose(fp);
	if (bad) {
		fprintf(stderr, "replay: '%s' is unreadable or larger than %zu bytes\n", path,
			REPLAY_MAX_INPUT);
		free(buf);
		return -1;
	}
	if (verbose)
		fprintf(stderr, "replay: %s\n", path);
	/* an exact-size copy, so reading past the input is caught */
	uint8_t *data = malloc(n ? n : 1);
	memcpy(data, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(data, n);
	free(data);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, bool verbose, size_t *count)
{
	DIR *dh = opendir(dir);
	if (!dh) {
		fprintf(stderr, "replay: cannot read folder '%s'\n", dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(dh);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(len);
		snprintf(p, len, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(p, verbose) < 0)
				rc = -1;
			else
				(*count)++;
		}
		free(p);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s <file-or-folder>...\n", argv[0]);
		return 64;
	}
	const char *v = getenv("ORDO_REPLAY_VERBOSE");
	bool verbose = v && *v;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	size_t count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], verbose, &count) < 0)
				rc = 1;
		} else if (run_file(argv[i], verbose) < 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	printf("replayed %zu input%s\n", count, count == 1 ? "" : "s");
	if (!count) {
		fprintf(stderr, "replay: no inputs\n");
		rc = 1;
	}
	return rc;
}
