# The three build trees `scripts/setup.sh test` needs, built under one make jobserver:
#   make -j N -f scripts/trees.mk            (from the repository's root)
# N jobs in all, shared by every tree (CMake's Makefiles join the jobserver they inherit), so
# one tree's serial stretch (the WASM build's link-time optimisation and binaryen passes, the
# last links of a native tree) overlaps another tree's compiles instead of idling a core.
# Each tree's output goes to build/<tree>/build.log; build/<tree>/build.ok marks success.
TREES := wasm sanitize native
.PHONY: all $(TREES)
all: $(TREES)
$(TREES):
	@rm -f build/$@/build.ok
	+@cmake --build build/$@ >build/$@/build.log 2>&1 && touch build/$@/build.ok
