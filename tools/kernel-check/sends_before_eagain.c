/* Measures, on this machine's kernel, how many non-blocking sends of a given size a fresh
 * socketpair accepts before EAGAIN, per socket type (groundwork for the data path, issue 4).
 * Build and run: gcc -O2 -o /tmp/sends tools/kernel-check/sends_before_eagain.c && /tmp/sends */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>
static int count(int type, size_t size, long *total, int *partial) {
  int sv[2];
  if (socketpair(AF_UNIX, type, 0, sv)) { perror("sp"); exit(1); }
  fcntl(sv[0], F_SETFL, O_NONBLOCK);
  char *buf = calloc(1, size ? size : 1);
  int n = 0; *total = 0; *partial = 0;
  for (;;) {
    ssize_t r = send(sv[0], buf, size, MSG_DONTWAIT);
    if (r < 0) { if (errno != EAGAIN) { printf("err %s\n", strerror(errno)); } break; }
    if ((size_t)r < size) { (*partial)++; }
    *total += r; n++;
    if (n > 10000000) break;
  }
  int outq=0; ioctl(sv[0], SIOCOUTQ, &outq);
  free(buf); close(sv[0]); close(sv[1]);
  return n;
}
int main(void) {
  size_t sizes[] = {0, 1, 10, 100, 500, 1000, 2000, 4096, 8192, 16384, 32768, 65536, 100000, 131072, 212992, 262144, 300000, 500000};
  int types[] = {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM};
  const char *names[] = {"STREAM", "SEQPACKET", "DGRAM"};
  for (int t = 0; t < 3; t++)
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
      long total; int partial;
      int n = count(types[t], sizes[i], &total, &partial);
      printf("%-9s size %7zu: %6d sends before EAGAIN, %8ld bytes, %d partial\n", names[t], sizes[i], n, total, partial);
    }
}
