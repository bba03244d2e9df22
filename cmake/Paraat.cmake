# SPDX-License-Identifier: EUPL-1.2
# Helpers shared by every CMakeLists.txt in Paraat.

# Warnings as errors on Paraat's own code (never on generated code).
function(paraat_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()

# paraat_library(NAME name [SOURCES ...] [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# One static library per source folder. Without SOURCES, every *.cc in the folder.
function(paraat_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  if(NOT ARG_SOURCES)
    file(GLOB ARG_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  endif()
  add_library(${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  paraat_warnings(${ARG_NAME})
endfunction()

# paraat_test(NAME name [SOURCES ...] LIBS ...)
# One GoogleTest executable per test folder, every test registered with ctest.
# Without SOURCES, every *_test.cc in the folder.
function(paraat_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT ARG_SOURCES)
    file(GLOB ARG_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  endif()
  if(NOT ARG_SOURCES)
    message(STATUS "paraat_test(${ARG_NAME}): no *_test.cc yet, skipped")
    return()
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR})
  # Where tests find files of the source tree (scripts, packaging), run by ctest or by hand.
  target_compile_definitions(${ARG_NAME} PRIVATE PARAAT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  paraat_warnings(${ARG_NAME})
  gtest_discover_tests(${ARG_NAME}
    TEST_PREFIX "${ARG_NAME}."
    DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()

# Adds every immediate subfolder of the current folder that has a CMakeLists.txt.
macro(paraat_add_subfolders)
  file(GLOB _paraat_children RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _paraat_children)
  foreach(_child ${_paraat_children})
    if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${_child}
       AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${_child}/CMakeLists.txt)
      add_subdirectory(${_child})
    endif()
  endforeach()
endmacro()
