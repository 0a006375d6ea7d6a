// Empty on purpose: the target tb_test_pch compiles it so that CMake builds the precompiled
// header every native suite reuses (tests/CMakeLists.txt says what is in it and why).
