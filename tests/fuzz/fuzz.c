/* SPDX-License-Identifier: MIT */
/* fuzz.c: memory files and a private folder for the fuzz targets. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

void fuzz_memfile_init(fuzz_memfile *f, const char *name)
{
	f->fd = memfd_create(name, MFD_CLOEXEC);
	if (f->fd < 0) {
		fprintf(stderr, "fuzz: memfd_create: %s\n", strerror(errno));
		abort();
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
}

void fuzz_memfile_set(fuzz_memfile *f, const uint8_t *data, size_t size)
{
	if (ftruncate(f->fd, 0) != 0)
		abort();
	size_t done = 0;
	while (done < size) {
		ssize_t n = pwrite(f->fd, data + done, size - done, (off_t)done);
		if (n <= 0)
			abort();
		done += (size_t)n;
	}
}

static char tmpdir[256];

static void remove_tmpdir(void)
{
	DIR *dh = opendir(tmpdir);
	if (!dh)
		return;
	struct dirent *de;
	char p[512];
	while ((de = readdir(dh)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", tmpdir, de->d_name);
			unlink(p);
		}
	closedir(dh);
	rmdir(tmpdir);
}

const char *fuzz_tmpdir(void)
{
	if (tmpdir[0])
		return tmpdir;
	struct stat st;
	const char *base = getenv("TMPDIR");
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (!base || !*base)
		base = "/tmp";
	snprintf(tmpdir, sizeof(tmpdir), "%s/ordo-fuzz-XXXXXX", base);
	if (!mkdtemp(tmpdir)) {
		fprintf(stderr, "fuzz: cannot create a folder in %s: %s\n", base, strerror(errno));
		abort();
	}
	atexit(remove_tmpdir);
	return tmpdir;
}

void fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0) {
		fprintf(stderr, "fuzz: cannot write '%s'\n", path);
		abort();
	}
}
