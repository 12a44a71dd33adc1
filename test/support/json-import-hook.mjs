// Module customization hook, registered with `module.register` by
// tools-thread.mjs (never loaded into jest itself).
//
// `@actions/workflow-parser` does `import schema from "../workflow-v1.0.min.json"`
// without an import attribute. Node 20 refuses that with
// `needs an import attribute of type "json"`, so add `{ type: "json" }` to
// every `.json` file import that does not carry an attribute type yet.

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && new URL(url).pathname.endsWith('.json') && context.importAttributes?.type === undefined) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
