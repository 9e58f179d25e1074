/* What the hardware allows for the bytes a benchmark reads: the floor a Podium time is compared against.
 *
 *   limits lines FILE...     map each file and count its lines with memchr (the least any CSV reader does)
 *   limits numbers FILE...   map each file and parse every field after the first of each line but the header
 *                            with strtod (the least anything that reads prediction files as numbers does)
 *
 * Prints the count (and the sum of the numbers), so the work cannot be optimised away.
 * Build: cc -O2 -o limits bench/limits/limits.c */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *map(const char *path, size_t *size) {
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) { perror(path); exit(2); }
    *size = (size_t)st.st_size;
    const char *bytes = *size ? mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0) : "";
    if (bytes == MAP_FAILED) { perror(path); exit(2); }
    close(fd);
    return bytes;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "lines") && strcmp(argv[1], "numbers"))) {
        fprintf(stderr, "usage: limits lines|numbers FILE...\n");
        return 2;
    }
    int numbers = strcmp(argv[1], "numbers") == 0;
    long lines = 0, values = 0;
    double sum = 0;
    for (int i = 2; i < argc; i++) {
        size_t size;
        const char *p = map(argv[i], &size), *end = p + size;
        if (!numbers) {
            for (const char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) lines++;
            continue;
        }
        const char *line = memchr(p, '\n', size);  /* the header */
        while (line && line + 1 < end) {
            const char *q = line + 1;
            line = memchr(q, '\n', (size_t)(end - q));
            lines++;
            q = memchr(q, ',', (size_t)((line ? line : end) - q));  /* skip the id */
            while (q && q < (line ? line : end) && *q == ',') {
                char *after;
                sum += strtod(q + 1, &after);
                values++;
                q = after;
            }
        }
    }
    printf("%ld lines, %ld numbers, sum %.6g\n", lines, values, sum);
    return 0;
}
