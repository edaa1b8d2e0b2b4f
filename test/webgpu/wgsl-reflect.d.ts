// Types for the ES-module build of wgsl_reflect. Its package `main` is a CommonJS file inside a
// "type": "module" package, which Node refuses to load, so tests import the .module.js build.
declare module 'wgsl_reflect/wgsl_reflect.module.js' {
  export * from 'wgsl_reflect';
}
