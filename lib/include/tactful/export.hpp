// Symbol visibility: the library is built with hidden symbols; what the public
// headers declare is exported on purpose with TACTFUL_API.
#pragma once

#if defined(TACTFUL_SHARED) && defined(TACTFUL_BUILDING)
#define TACTFUL_API __attribute__((visibility("default")))
#else
#define TACTFUL_API
#endif
