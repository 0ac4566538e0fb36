# sockspec_generate(<target> SCHEMAS <file>... [LANG cpp,ts,md] [OUT <dir>] [GENERATOR <exe>])
#
# Runs sockspec-gen at build time on your own schemas and adds the generated C++ to <target>'s
# include path. OUT defaults to ${CMAKE_CURRENT_BINARY_DIR}/sockspec-gen; GENERATOR defaults to
# the sockspec-gen target when it exists in this build, else the program found on PATH.
function(sockspec_generate target)
  cmake_parse_arguments(ARG "" "OUT;LANG;GENERATOR" "SCHEMAS" ${ARGN})
  if(NOT ARG_SCHEMAS)
    message(FATAL_ERROR "sockspec_generate(${target}): SCHEMAS is required")
  endif()
  if(NOT ARG_OUT)
    set(ARG_OUT ${CMAKE_CURRENT_BINARY_DIR}/sockspec-gen)
  endif()
  if(NOT ARG_LANG)
    set(ARG_LANG cpp)
  endif()
  if(NOT ARG_GENERATOR)
    if(TARGET sockspec-gen)
      set(ARG_GENERATOR $<TARGET_FILE:sockspec-gen>)
    else()
      find_program(ARG_GENERATOR sockspec-gen REQUIRED)
    endif()
  endif()
  set(outputs)
  foreach(schema IN LISTS ARG_SCHEMAS)
    get_filename_component(stem ${schema} NAME_WE)
    list(APPEND outputs ${ARG_OUT}/cpp/sockspec/gen/${stem}.hpp)
  endforeach()
  add_custom_command(OUTPUT ${outputs}
    COMMAND ${ARG_GENERATOR} generate --lang ${ARG_LANG} --out ${ARG_OUT} ${ARG_SCHEMAS}
    DEPENDS ${ARG_SCHEMAS}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    COMMENT "sockspec-gen: ${ARG_SCHEMAS}"
    VERBATIM)
  add_custom_target(${target}_sockspec_gen DEPENDS ${outputs})
  add_dependencies(${target} ${target}_sockspec_gen)
  target_include_directories(${target} PRIVATE ${ARG_OUT}/cpp)
endfunction()
