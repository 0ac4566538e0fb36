// Compiles the adapter bodies once, as <sockspec/src.hpp> does with SOCKSPEC_SEPARATE_COMPILATION
// (only the adapter's .ipp here, so this test depends on no other module).
#include <sockspec/adapter/impl/memory_adapter.ipp>
