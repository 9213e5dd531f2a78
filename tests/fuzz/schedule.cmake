# Fuzz targets of internal/schedule (included by CMakeLists.txt beside this file).
foreach(target fuzz_cron_parse fuzz_schedule_yaml_parse)
  add_executable(${target} ${target}.cc)
  target_link_libraries(${target} PRIVATE aoa_schedule)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
endforeach()
# Instrument the library so coverage guidance reaches the parsers and the run search.
target_compile_options(aoa_schedule PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
target_link_options(aoa_schedule INTERFACE -fsanitize=address,undefined)
add_dependencies(fuzz_all fuzz_cron_parse fuzz_schedule_yaml_parse)
