/** The only module that imports QuickJS (quickjs-emscripten-core and its release-sync wasm variant). */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten-core';

export type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule };

/** Load QuickJS's WebAssembly module (once per worker). */
export function loadQuickJs(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(variant);
}
