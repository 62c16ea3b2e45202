// Wide-character ncurses (ncursesw). _XOPEN_SOURCE_EXTENDED exposes the cchar_t / wide APIs.
#ifndef GNAPTERM_CNCURSESW_SHIM_H
#define GNAPTERM_CNCURSESW_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <curses.h>

// Swift cannot import function-like macros or (in Swift 6 mode) touch mutable C globals such as
// stdscr and COLORS safely, so the few the terminal driver needs are wrapped here.

static inline WINDOW *gnapterm_stdscr(void) { return stdscr; }
static inline int gnapterm_colors(void) { return COLORS; }
static inline int gnapterm_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t gnapterm_a_normal(void) { return A_NORMAL; }
static inline attr_t gnapterm_a_bold(void) { return A_BOLD; }
static inline attr_t gnapterm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gnapterm_a_reverse(void) { return A_REVERSE; }
static inline attr_t gnapterm_a_dim(void) { return A_DIM; }

static inline int gnapterm_key_f0(void) { return KEY_F0; }

// The column count ncurses itself will use for a character (it measures with the C library's
// wcwidth under the current locale); the driver reconciles it with TerminalUI's own DisplayWidth.
extern int wcwidth(wchar_t c);
static inline int gnapterm_system_width(wchar_t c) { return wcwidth(c); }

static inline mmask_t gnapterm_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gnapterm_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t gnapterm_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t gnapterm_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t gnapterm_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t gnapterm_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t gnapterm_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t gnapterm_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
