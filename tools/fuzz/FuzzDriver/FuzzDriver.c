// The target only exports its header; SwiftPM needs one source file to build it.
#include "FuzzDriver.h"
