# Fuzz target of internal/gitops (included by tests/fuzz/CMakeLists.txt).
add_executable(fuzz_release_journal_load fuzz_release_journal_load.cc)
target_link_libraries(fuzz_release_journal_load PRIVATE aoa_gitops)
target_compile_options(fuzz_release_journal_load PRIVATE -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
target_link_options(fuzz_release_journal_load PRIVATE -fsanitize=fuzzer,address,undefined)
# Instrument the library so coverage guidance reaches the parser.
target_compile_options(aoa_gitops PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
target_link_options(aoa_gitops INTERFACE -fsanitize=address,undefined)
add_dependencies(fuzz_all fuzz_release_journal_load)
