// Beast's compiled parts, built once for the whole program.
#include <boost/beast/src.hpp>
