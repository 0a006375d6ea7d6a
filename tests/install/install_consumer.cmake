# install-consumer: installs this build tree into a prefix under the build directory, then
# configures, builds and runs examples/cpp/ against it as an outside project would
# (find_package(ticketbridge CONFIG REQUIRED), ticketbridge::jsonata alone), and checks what
# the example prints. Run by CTest as `cmake -D<name>=<value> (each below) -P install_consumer.cmake`.
#   BUILD_DIR, SOURCE_DIR, WORK_DIR, CXX_COMPILER, GENERATOR, VERSION
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
set(example ${WORK_DIR}/example)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(file include/ticketbridge/jsonata.hpp include/ticketbridge/result.hpp include/ticketbridge/version.hpp
             include/ticketbridge/config.hpp lib/cmake/ticketbridge/ticketbridgeConfig.cmake
             lib/cmake/ticketbridge/ticketbridgeConfigVersion.cmake)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()
# The engine's internals stay private.
file(GLOB_RECURSE leaked ${prefix}/include/*/eval.hpp ${prefix}/include/*/value.hpp)
if(leaked)
  message(FATAL_ERROR "engine internals were installed: ${leaked}")
endif()

run("configuring the example" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/cpp -B ${example} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release)
# One file to compile: the consumer that needs the engine alone.
run("building the example" ${CMAKE_COMMAND} --build ${example} --target jsonata-example)
run("running the example" ${example}/jsonata-example)

set(expected "total: 20\nerror: S0203 at 12\nticketbridge ${VERSION}\n")
if(NOT run_output STREQUAL expected)
  message(FATAL_ERROR "the example printed:\n${run_output}\nexpected:\n${expected}")
endif()
message(STATUS "${run_output}")
