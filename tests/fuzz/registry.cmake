# Fuzz target of internal/registry (included by tests/fuzz/CMakeLists.txt).
add_executable(fuzz_model_version_parse fuzz_model_version_parse.cc)
target_link_libraries(fuzz_model_version_parse PRIVATE aoa_registry aoa_repo_layout)
target_compile_options(fuzz_model_version_parse PRIVATE -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
target_link_options(fuzz_model_version_parse PRIVATE -fsanitize=fuzzer,address,undefined)
# Instrument the library so coverage guidance reaches the parser.
target_compile_options(aoa_registry PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
target_link_options(aoa_registry INTERFACE -fsanitize=address,undefined)
add_dependencies(fuzz_all fuzz_model_version_parse)
