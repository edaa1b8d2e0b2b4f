// Generates the typed TypeScript binding of a compiled model with ts-morph: interfaces for the
// model's inputs, labels and outputs (named and sized from the manifest) and a class with
// `load`, `infer`, `jvp`, `loadParams` and `saveParams` over the WASM runtime (runtime.ts,
// runtime-files.ts). The binding sits beside model.wasm and manifest.json in the output directory.
import { pathToFileURL } from 'node:url';
import { Project, Scope, StructureKind, type OptionalKind, type PropertySignatureStructure } from 'ts-morph';
import type { ModelManifest } from './model-manifest.ts';

/** Options of the binding generator. */
export interface BindingOptions {
  /** Module specifier the binding imports the runtime from (default: this installation's runtime-files.ts as a file: URL). */
  readonly runtimeImport?: string;
}

/** The default runtime import: the runtime of the tilegate that generated the binding. */
export function defaultRuntimeImport(): string {
  return pathToFileURL(new URL('./runtime-files.ts', import.meta.url).pathname).href;
}

/** `dg_hard` -> `DgHard`. */
export function className(model: string): string {
  const parts = model.split(/[^A-Za-z0-9]+/).filter((p) => p !== '');
  const name = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  return /^[A-Za-z]/.test(name) ? name : `Model${name}`;
}

/** A property key that is a valid identifier, or a quoted one. */
function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function props(entries: readonly { name: string; type: string; doc: string }[]): OptionalKind<PropertySignatureStructure>[] {
  return entries.map((e) => ({ name: key(e.name), type: e.type, isReadonly: true, docs: [e.doc] }));
}

/** The binding's source text for a manifest. */
export function generateBinding(manifest: ModelManifest, opts: BindingOptions = {}): string {
  const cls = className(manifest.model);
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile(`${cls}.ts`, '', { overwrite: true });
  sf.addImportDeclaration({
    moduleSpecifier: opts.runtimeImport ?? defaultRuntimeImport(),
    namedImports: ['loadModelDir', 'loadParamsFile', 'saveParamsFile', 'WasmModel'],
  });
  sf.addImportDeclaration({ moduleSpecifier: opts.runtimeImport ?? defaultRuntimeImport(), isTypeOnly: true, namedImports: ['Diagnostic', 'JvpResult', 'Tensor'] });
  const preds = manifest.outputs.filter((o) => o.role === 'prediction');
  sf.addInterfaces([
    { name: `${cls}Inputs`, isExported: true, docs: ['One batch of inputs, row-major f64 (any length that is a multiple of the width).'], properties: props(manifest.inputs.map((i) => ({ name: i.name, type: 'Float64Array | readonly number[]', doc: `\`${i.name}\`: [batch, ${i.width}]` }))) },
    { name: `${cls}Labels`, isExported: true, docs: ['Class labels of the batch, one index per sample.'], properties: props(manifest.labels.map((l) => ({ name: l.name, type: 'Float64Array | readonly number[]', doc: `\`${l.name}\`: [batch], classes 0..${l.classes - 1}` }))) },
    { name: `${cls}Outputs`, isExported: true, docs: ['Predictions as exact f64 values of the format.'], properties: props(preds.map((o) => ({ name: o.name, type: 'Float64Array', doc: `\`${o.name}\`: [batch, ${o.width}]` }))) },
    { name: `${cls}InferResult`, isExported: true, docs: ['Outputs, or diagnostics when the inputs are wrong.'], properties: [{ name: 'outputs', type: `${cls}Outputs`, hasQuestionToken: true, isReadonly: true }, { name: 'diagnostics', type: 'readonly Diagnostic[]', isReadonly: true }] },
  ]);
  const widths = `{ ${manifest.inputs.map((i) => `${key(i.name)}: ${i.width}`).join(', ')} }`;
  sf.addClass({
    name: cls,
    isExported: true,
    docs: [`Model ${manifest.model} compiled to WebAssembly in ${manifest.format}; parameters live inside the module.`],
    properties: [
      { name: 'format', isStatic: true, isReadonly: true, initializer: JSON.stringify(manifest.format), docs: ['Numeric format of the module.'] },
      { name: 'inputWidths', isStatic: true, isReadonly: true, initializer: `${widths} as const`, docs: ['Elements per sample of each input.'] },
      { name: 'paramNames', isStatic: true, isReadonly: true, initializer: `${JSON.stringify(manifest.params.map((p) => p.name))} as const`, docs: ['Parameter names (safetensors keys).'] },
    ],
    ctors: [{ scope: Scope.Private, parameters: [{ name: 'model', type: 'WasmModel', isReadonly: true, scope: Scope.Public }] }],
    methods: [
      { kind: StructureKind.Method, name: 'load', isStatic: true, isAsync: true, returnType: `Promise<${cls}>`, docs: ['Instantiates the module from a compiled directory (default: the binding\'s own).'], parameters: [{ name: 'dir', type: 'string | URL', initializer: "new URL('.', import.meta.url)" }], statements: [`return new ${cls}(await loadModelDir(dir));`] },
      { kind: StructureKind.Method, name: 'infer', returnType: `${cls}InferResult`, docs: ['Runs the predictions of one batch (hard-gated work is skipped); `step` is the served learning step.'], parameters: [{ name: 'inputs', type: `${cls}Inputs` }, { name: 'step', type: 'number', initializer: '0' }], statements: [
        `const r = this.model.run(this.tensors(inputs), { step });`,
        'if (r.diagnostics.length > 0) return { diagnostics: r.diagnostics };',
        `return { outputs: { ${preds.map((o) => `${key(o.name)}: (r.outputs.get(${JSON.stringify(o.name)}) as Tensor).data`).join(', ')} }, diagnostics: [] };`,
      ] },
      { kind: StructureKind.Method, name: 'jvp', returnType: 'JvpResult', docs: ['One forward-gradient step (spec/jvp.md) on a labelled batch; updates the parameters in place.'], parameters: [{ name: 'inputs', type: `${cls}Inputs` }, { name: 'labels', type: `${cls}Labels` }, { name: 'opts', type: '{ readonly perturbations?: number; readonly seed?: number; readonly lr?: number; readonly step?: number }', initializer: '{}' }], statements: [
        'return this.model.jvpStep({ ...this.tensors(inputs), ...this.tensors(labels) }, opts);',
      ] },
      { kind: StructureKind.Method, name: 'loadParams', returnType: 'readonly Diagnostic[]', docs: ['Loads parameters from a safetensors file.'], parameters: [{ name: 'file', type: 'string' }], statements: ['return loadParamsFile(this.model, file);'] },
      { kind: StructureKind.Method, name: 'saveParams', returnType: 'readonly Diagnostic[]', docs: ['Saves the current parameters as safetensors (atomically).'], parameters: [{ name: 'file', type: 'string' }, { name: 'dtype', type: "'F32' | 'F64'", initializer: "'F64'" }], statements: ['return saveParamsFile(this.model, file, dtype);'] },
      { kind: StructureKind.Method, name: 'tensors', scope: Scope.Private, returnType: 'Record<string, Tensor>', parameters: [{ name: 'arrays', type: 'object' }], statements: [
        'const out: Record<string, Tensor> = {};',
        'const widths: Record<string, number> = { ...' + cls + '.inputWidths };',
        'for (const [name, v] of Object.entries(arrays) as [string, Float64Array | readonly number[]][]) {',
        '  const data = Float64Array.from(v);',
        '  const w = widths[name];',
        '  out[name] = { shape: w === undefined ? [data.length] : [Math.floor(data.length / w), w], data };',
        '}',
        'return out;',
      ] },
    ],
  });
  sf.insertStatements(0, [
    `// Typed binding of model ${manifest.model} (${manifest.format}), generated by \`tilegate compile --target wasm\`.`,
    '// It loads model.wasm and manifest.json from its own directory; do not edit, recompile instead.',
  ]);
  sf.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return sf.getFullText();
}
