/* Exec -> first line on stdout, measured without a shell in between: clock_gettime before
 * posix_spawn, and again when the line's '\n' arrives on the pipe; then the child is killed and
 * reaped. Prints one number per run, in microseconds. handshake_timing.sh builds and runs it.
 * Usage: handshake_timer <runs> <program> [args...]  (the environment is passed through) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <runs> <program> [args...]\n", argv[0]);
    return 2;
  }
  const int runs = atoi(argv[1]);
  for (int r = 0; r < runs; ++r) {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return 1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    const long long t0 = now_ns();
    if (posix_spawn(&pid, argv[2], &fa, NULL, argv + 2, environ) != 0) {
      perror("posix_spawn");
      return 1;
    }
    close(out[1]);
    char line[4096];
    size_t len = 0;
    long long t1 = 0;
    while (len < sizeof line - 1) {
      ssize_t n = read(out[0], line + len, sizeof line - 1 - len);
      if (n <= 0) break;
      len += (size_t)n;
      if (memchr(line, '\n', len)) {
        t1 = now_ns();
        break;
      }
    }
    line[len] = '\0';
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(out[0]);
    posix_spawn_file_actions_destroy(&fa);
    if (t1 == 0 || (strncmp(line, "1|6|", 4) != 0 && strncmp(line, "floor", 5) != 0)) {
      fprintf(stderr, "bad first line: %s\n", line);
      return 1;
    }
    /* the unix socket a killed plugin leaves behind */
    char* f[6] = {0};
    char* p = line;
    for (int i = 0; i < 6 && p; ++i) {
      f[i] = p;
      p = strchr(p, '|');
      if (p) *p++ = '\0';
    }
    if (f[2] && strcmp(f[2], "unix") == 0 && f[3]) unlink(f[3]);
    printf("%lld\n", (t1 - t0) / 1000);
  }
  return 0;
}
