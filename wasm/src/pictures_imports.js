// The pictures module's one import (src/pictures_math.cpp), declared for Emscripten's link
// step, which refuses an import no JavaScript library names. The module is linked without
// glue, so this body is never emitted: wasm/js/pictures.mjs supplies Math.pow itself.
mergeInto(LibraryManager.library, {
  tb_math_pow: function (base, exponent) { return Math.pow(base, exponent); },
});
