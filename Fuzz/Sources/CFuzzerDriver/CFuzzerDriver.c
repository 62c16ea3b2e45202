// The declaration in include/CFuzzerDriver.h is the whole module; SwiftPM needs one source file for a C target.
#include "CFuzzerDriver.h"
