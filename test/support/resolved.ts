/**
 * Imager steps read system extensions and official overlays from the `resolve-extensions` step's
 * outputs (the reference the board declares, pinned by the digest its Talos release's catalog
 * lists). For tests about the imager command, this maps those outputs back to the declared
 * references the resolve step was given (EXTENSION_<n>, OVERLAY_IMAGE).
 */
const OUTPUT = /^\$\{\{ steps\.resolve-extensions\.outputs\.(?:system-extension-(\d+)|overlay-image) \}\}$/;

/** The step with every resolve-step output in its env replaced by the declared reference. */
export function withDeclaredReferences(workflow: any, step: any): any {
  if (!step?.env) {
    return step;
  }
  const job = Object.values<any>(workflow.jobs).find((j) => j.steps.includes(step));
  const resolve = job?.steps.find((s: any) => s.id === 'resolve-extensions');
  if (!resolve) {
    return step;
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries<any>(step.env)) {
    const m = OUTPUT.exec(String(value));
    env[name] = m ? (m[1] !== undefined ? resolve.env[`EXTENSION_${m[1]}`] : resolve.env.OVERLAY_IMAGE) : value;
  }
  return { ...step, env };
}
