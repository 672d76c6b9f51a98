// libedit for Swift. `el_set`, `el_get` and `history` are C variadic functions, which Swift
// cannot call, so each use the REPL needs gets a fixed-argument wrapper here.
#ifndef SOCKSCRIPT_CLIBEDIT_SHIM_H
#define SOCKSCRIPT_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <termios.h>

typedef char *(*sockscript_prompt_fn)(EditLine *);
typedef unsigned char (*sockscript_key_fn)(EditLine *, int);

/// `el_init` on the standard streams (which Swift 6 cannot name: they are mutable C globals).
static inline EditLine *sockscript_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

/// Emacs key bindings, the prompt function, the history, and `~/.editrc`.
static inline void sockscript_el_setup(EditLine *el, sockscript_prompt_fn prompt, History *hist, void *data) {
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, prompt);
  el_set(el, EL_HIST, history, hist);
  el_set(el, EL_CLIENTDATA, data);
  el_set(el, EL_SIGNAL, 0);
  // Ctrl-C reaches the editor as a key (bound below), not as SIGINT, while a line is edited.
  el_set(el, EL_SETTY, "-d", "-isig", NULL);
  // While a statement runs (libedit's cooked "execute" mode, which clears NOFLSH by default)
  // a Ctrl-C must not make the terminal driver discard the lines typed ahead.
  el_set(el, EL_SETTY, "-x", "+noflsh", NULL);
  el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
  el_source(el, NULL);
}

/// Adds a named editor function and binds `key` (e.g. "^I") to it.
static inline void sockscript_el_bind(EditLine *el, const char *name, const char *help, sockscript_key_fn fn,
                                      const char *key) {
  el_set(el, EL_ADDFN, name, help, fn);
  el_set(el, EL_BIND, key, name, NULL);
}

/// The pointer given to `sockscript_el_setup`.
static inline void *sockscript_el_clientdata(EditLine *el) {
  void *data = NULL;
  el_get(el, EL_CLIENTDATA, &data);
  return data;
}

static inline void sockscript_history_setsize(History *h, int size) {
  HistEvent ev;
  history(h, &ev, H_SETSIZE, size);
}

static inline void sockscript_history_clear(History *h) {
  HistEvent ev;
  history(h, &ev, H_CLEAR);
}

static inline void sockscript_history_enter(History *h, const char *line) {
  HistEvent ev;
  history(h, &ev, H_ENTER, line);
}

/// `el_gets` prints the prompt first and only then puts the terminal in raw mode, so a key
/// typed as soon as the prompt shows (Ctrl-D above all) would meet canonical mode and be
/// lost. Leaving canonical mode before `el_gets` closes that window; libedit still restores
/// the cooked settings it saved, since it ignores changes made outside cooked mode.
static inline void sockscript_tty_leave_canonical(int fd) {
  struct termios t;
  if (tcgetattr(fd, &t) != 0 || !(t.c_lflag & ICANON)) return;
  t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  tcsetattr(fd, TCSADRAIN, &t);
}

#endif
