#ifndef ROOT_CHECKLIST_CNCURSES_SHIM_H
#define ROOT_CHECKLIST_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

// Macros and C globals do not import into Swift 6; these accessors stand in for them.
static inline attr_t rc_attr_bold(void) { return A_BOLD; }
static inline attr_t rc_attr_reverse(void) { return A_REVERSE; }
static inline attr_t rc_attr_dim(void) { return A_DIM; }
static inline attr_t rc_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t rc_color_pair(int n) { return COLOR_PAIR(n); }
static inline int rc_key_code_yes(void) { return KEY_CODE_YES; }
static inline int rc_err(void) { return ERR; }
static inline int rc_colors(void) { return COLORS; }
static inline WINDOW *rc_stdscr(void) { return stdscr; }
#endif
