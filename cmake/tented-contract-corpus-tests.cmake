# tented_contract_add_corpus_tests(NAME <name> DIR <dir> SHARDS <n> [ARGS <arg>...] [TOOL <path>])
#
# Registers <n> ctest tests, <name>_shard_0 to <name>_shard_<n-1>, that together replay the
# corpus folder <dir> (the layout of the kit's corpus/README.md) once: test i runs
# `tented-contract corpus <dir> --shard-index i --shard-count <n> <arg>...`, its part of the
# cases sorted by path and dealt round-robin. `ctest -j`, CDash and a CI matrix then spread them.
# Each test has the label `tented-contract`. A relative <dir> is read from the calling
# CMakeLists.txt's folder (ctest runs tests in the build folder).
#
# TOOL is the program to run; by default the tented-contract installed with this package (the
# variable TENTED_CONTRACT_EXECUTABLE, which find_package(tented-contract) sets). A kit added with
# add_subdirectory builds no tool: give TOOL then (an installed tented-contract, or a target's
# $<TARGET_FILE:...>).
# Errors: a missing NAME or DIR, a SHARDS that is not a whole number from 1, or no tool, stop the
# configuration with a message saying which.
function(tented_contract_add_corpus_tests)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;DIR;SHARDS;TOOL" "ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tented_contract_add_corpus_tests: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required NAME DIR SHARDS)
    if(NOT DEFINED arg_${required} OR arg_${required} STREQUAL "")
      message(FATAL_ERROR "tented_contract_add_corpus_tests: ${required} is required")
    endif()
  endforeach()
  if(NOT arg_SHARDS MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "tented_contract_add_corpus_tests: SHARDS is '${arg_SHARDS}': expected a whole number from 1")
  endif()
  if(NOT arg_TOOL)
    set(arg_TOOL "${TENTED_CONTRACT_EXECUTABLE}")
  endif()
  if(NOT arg_TOOL)
    message(FATAL_ERROR "tented_contract_add_corpus_tests: no tented-contract tool: give TOOL <path> "
                        "(a kit added with add_subdirectory builds none)")
  endif()
  get_filename_component(arg_DIR "${arg_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  math(EXPR last "${arg_SHARDS} - 1")
  foreach(index RANGE ${last})
    add_test(NAME ${arg_NAME}_shard_${index}
             COMMAND "${arg_TOOL}" corpus "${arg_DIR}" --shard-index ${index} --shard-count ${arg_SHARDS} ${arg_ARGS})
    set_tests_properties(${arg_NAME}_shard_${index} PROPERTIES LABELS tented-contract)
  endforeach()
endfunction()
