/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h: what the fuzz targets share.
 *
 * The loaders take paths, so an input is handed to them as a file: a
 * memfd (no disk, no name to clean up) reached through /proc/self/fd, or,
 * for SQLite, which puts its -wal and -shm files next to the database, a
 * file in a private folder on tmpfs. Each target defines
 * LLVMFuzzerTestOneInput and may define LLVMFuzzerInitialize; replay.c
 * drives them over a corpus without libFuzzer.
 */
#ifndef ORDO_FUZZ_H
#define ORDO_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A memory file and the path that opens it. */
typedef struct {
	int fd;
	char path[32]; /* "/proc/self/fd/N" */
} fuzz_memfile;

/** Create f (aborts when the system has no memfd). */
void fuzz_memfile_init(fuzz_memfile *f, const char *name);
/** Replace f's content with data[0..size). */
void fuzz_memfile_set(fuzz_memfile *f, const uint8_t *data, size_t size);

/** A private folder for files (under /dev/shm when it exists, else $TMPDIR or /tmp),
 * removed with its content at exit. Returns its path. */
const char *fuzz_tmpdir(void);
/** Write data[0..size) to path (created or truncated); aborts on failure. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);

/** The date and clock the targets run at, so waivers and journals do not
 * depend on the day the fuzzer runs. */
#define FUZZ_TODAY "2026-11-21"
#define FUZZ_NOW   "2026-11-21T10:00:00Z"

#endif
