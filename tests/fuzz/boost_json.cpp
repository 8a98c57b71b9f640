// Boost.JSON's compiled part, built into the fuzz targets with their instrumentation (the
// library's own rule is that exactly one translation unit includes src.hpp).
#include <boost/json/src.hpp>
