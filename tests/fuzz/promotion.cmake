# Fuzz target of internal/promotion (included by tests/fuzz/CMakeLists.txt).
add_executable(fuzz_audit_record_parse fuzz_audit_record_parse.cc)
target_link_libraries(fuzz_audit_record_parse PRIVATE aoa_promotion aoa_repo_layout)
target_compile_options(fuzz_audit_record_parse PRIVATE -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
target_link_options(fuzz_audit_record_parse PRIVATE -fsanitize=fuzzer,address,undefined)
# Instrument the library so coverage guidance reaches the parser.
target_compile_options(aoa_promotion PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
target_link_options(aoa_promotion INTERFACE -fsanitize=address,undefined)
add_dependencies(fuzz_all fuzz_audit_record_parse)
