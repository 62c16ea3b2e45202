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
#include <curses.h>
#endif
