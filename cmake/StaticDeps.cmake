# Static linking of the third-party libraries (AOA_STATIC_DEPS): the released provider must run on
# any x86-64 Linux with glibc >= the build machine's, so gRPC, Protobuf, abseil, libgit2 (and its
# mbedTLS, libssh2, http-parser, PCRE2, zlib), yaml-cpp, ICU and OpenSSL come from Debian's .a
# archives and only glibc stays shared. The same build links the tests this way, so every test
# runs the code that ships. Sanitizer and fuzz builds keep shared libraries (ASan must see one
# operator new), and so does a build with -DAOA_STATIC_DEPS=OFF.
#
# aoa_use_static_archives(<prefix>...): rewrites PkgConfig::<prefix> (made by
# pkg_check_modules(... IMPORTED_TARGET)) to link `pkg-config --static` libraries, each one as its
# lib<name>.a; glibc's own libraries (pthread, dl, rt, m) stay as they are. A missing archive
# stops the configure and names the Debian -dev package scripts/setup.sh should install.

set(AOA_GLIBC_LIBS pthread dl rt m c atomic)

function(aoa_use_static_archives)
  foreach(prefix IN LISTS ARGN)
    set(resolved)
    foreach(name IN LISTS ${prefix}_STATIC_LIBRARIES)
      if(name IN_LIST AOA_GLIBC_LIBS)
        list(APPEND resolved ${name})
        continue()
      endif()
      find_library(AOA_STATIC_${name} NAMES lib${name}.a HINTS ${${prefix}_STATIC_LIBRARY_DIRS} NO_CACHE)
      if(NOT AOA_STATIC_${name})
        message(FATAL_ERROR "AOA_STATIC_DEPS: lib${name}.a (needed by ${prefix}) not found; "
                            "install its Debian -dev package (scripts/setup.sh) or configure with -DAOA_STATIC_DEPS=OFF")
      endif()
      list(APPEND resolved ${AOA_STATIC_${name}})
    endforeach()
    set_property(TARGET PkgConfig::${prefix} PROPERTY INTERFACE_LINK_LIBRARIES ${resolved})
    set_property(TARGET PkgConfig::${prefix} PROPERTY INTERFACE_LINK_OPTIONS ${${prefix}_STATIC_LDFLAGS_OTHER})
  endforeach()
endfunction()

# The C and C++ runtimes of the compiler go into the provider binary too (libstdc++.so would tie
# it to the build machine's GCC); glibc is the only shared library left.
function(aoa_link_runtime_statically target)
  if(AOA_STATIC_DEPS)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc -no-pie)
  endif()
endfunction()
