/**
 * Checks a synthesised Terraform JSON document against the provider-schema descriptions in
 * src/terraform/schemas/ (each attribute read in the provider source at the pinned tag, see
 * scripts/provider-schemas.mjs). Models what the providers and Terraform would reject or fail on:
 * an unknown or computed-only attribute, a missing required one, a wrong type, a deprecated one,
 * a value outside an enum, `ExactlyOneOf` / `ConflictsWith` / `RequiredWith` broken, and `""`
 * where the provider reads an empty value back as null (docker/docker `stringNullIfEmpty`).
 */
import { readFileSync } from 'fs';
import { join } from 'path';

interface AttributeSchema {
  readonly cite: string;
  readonly type: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: string;
  readonly maxItems?: number;
  readonly elem?: string;
  readonly enum?: string[];
  readonly exactlyOneOf?: string[];
  readonly conflictsWith?: string[];
  readonly requiredWith?: string[];
  readonly emptyString?: string;
  readonly emptyStringCite?: { readonly cite: string; readonly expect: string };
  readonly block?: { [name: string]: AttributeSchema };
  readonly attributes?: { [name: string]: AttributeSchema };
}

interface ProviderSchemaDocument {
  readonly source: string;
  readonly tag: string;
  readonly versionConstraint: string;
  readonly provider: { readonly attributes: { [name: string]: AttributeSchema } };
  readonly resources: { [type: string]: { readonly attributes: { [name: string]: AttributeSchema } } };
  readonly dataSources: { [type: string]: { readonly attributes: { [name: string]: AttributeSchema } } };
}

const SCHEMA_DIR = join(__dirname, '..', '..', 'src', 'terraform', 'schemas');

/** The committed provider-schema descriptions (docker/docker, integrations/github). */
export const PROVIDER_SCHEMAS: readonly ProviderSchemaDocument[] = ['docker.json', 'github.json']
  .map((file) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));

/** Terraform meta-arguments (not provider attributes). */
const RESOURCE_META = ['//', 'provider', 'depends_on', 'count', 'for_each', 'lifecycle', 'provisioner', 'connection'];
const PROVIDER_META = ['alias'];

/** A Terraform expression (not a literal): contains an unescaped `${`. */
function isExpression(value: unknown): boolean {
  return typeof value === 'string' && /(?:^|[^$])\$\{/.test(value);
}

/** Every violation of the provider schemas in `doc`, as `path: message` lines (empty when conformant). */
export function providerSchemaViolations(doc: any): string[] {
  const out: string[] = [];
  const required = doc.terraform?.required_providers ?? {};
  const bySource = new Map(PROVIDER_SCHEMAS.map((s) => [s.source, s]));
  for (const [local, req] of Object.entries<any>(required)) {
    const schema = bySource.get(req.source);
    // a provider the project does not write for (e.g. kreuzwerker/docker next to docker/docker) is
    // not checked; any resource of it is still reported below as undescribed
    if (schema !== undefined && req.version !== schema.versionConstraint) {
      out.push(`terraform.required_providers.${local}.version: ${JSON.stringify(req.version)} is not the constraint the schema was read for (${JSON.stringify(schema.versionConstraint)}, ${schema.source} @ ${schema.tag})`);
    }
  }
  for (const [local, configs] of Object.entries<any>(doc.provider ?? {})) {
    const schema = bySource.get(required[local]?.source);
    for (const [i, config] of (Array.isArray(configs) ? configs : [configs]).entries()) {
      if (schema) {
        checkObject(`provider.${local}[${i}]`, config, schema.provider.attributes, PROVIDER_META, out);
      }
    }
  }
  for (const [section, key] of [['resource', 'resources'], ['data', 'dataSources']] as const) {
    for (const [type, instances] of Object.entries<any>(doc[section] ?? {})) {
      const entry = PROVIDER_SCHEMAS.map((s) => s[key][type]).find((e) => e !== undefined);
      if (entry === undefined) {
        out.push(`${section}.${type}: no provider schema describes this type`);
        continue;
      }
      for (const [name, body] of Object.entries<any>(instances)) {
        checkObject(`${section}.${type}.${name}`, body, entry.attributes, RESOURCE_META, out);
      }
    }
  }
  return out;
}

function checkObject(path: string, body: any, attributes: { [name: string]: AttributeSchema }, meta: string[], out: string[]): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    out.push(`${path}: must be an object`);
    return;
  }
  const present = (name: string) => body[name] !== undefined && body[name] !== null;
  for (const [name, value] of Object.entries(body)) {
    if (meta.includes(name)) {
      continue;
    }
    const a = Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : undefined;
    const at = `${path}.${name}`;
    if (a === undefined) {
      out.push(`${at}: unknown attribute`);
      continue;
    }
    if (a.computed && !a.optional && !a.required) {
      out.push(`${at}: computed-only attribute cannot be set (${a.cite})`);
    }
    if (a.deprecated !== undefined) {
      out.push(`${at}: deprecated: ${a.deprecated} (${a.cite})`);
    }
    for (const other of a.conflictsWith ?? []) {
      if (present(other)) {
        out.push(`${at}: conflicts with ${other} (${a.cite})`);
      }
    }
    for (const other of a.requiredWith ?? []) {
      if (!present(other)) {
        out.push(`${at}: requires ${other} (${a.cite})`);
      }
    }
    checkValue(at, value, a, out);
  }
  for (const [name, a] of Object.entries(attributes)) {
    if (a.required && !present(name)) {
      out.push(`${path}.${name}: required attribute missing (${a.cite})`);
    }
    if (a.exactlyOneOf && a.exactlyOneOf[0] === name) {
      const set = a.exactlyOneOf.filter(present);
      if (set.length !== 1) {
        out.push(`${path}: exactly one of ${a.exactlyOneOf.join(', ')} must be set, got ${set.length === 0 ? 'none' : set.join(', ')} (${a.cite})`);
      }
    }
  }
}

function checkValue(at: string, value: unknown, a: AttributeSchema, out: string[]): void {
  if (value === null || isExpression(value)) {
    return;
  }
  const scalar = (type: string | undefined, v: unknown, where: string): void => {
    const ok = type === 'string' ? typeof v === 'string' : type === 'bool' ? typeof v === 'boolean' : type === 'number' ? typeof v === 'number' : false;
    if (!ok && !isExpression(v)) {
      out.push(`${where}: expected ${type}, got ${JSON.stringify(v)} (${a.cite})`);
    }
  };
  switch (a.type) {
    case 'string':
      scalar('string', value, at);
      if (value === '' && a.emptyString === 'null') {
        out.push(`${at}: "" is read back as null by the provider, so the apply fails ("Provider produced inconsistent result"); leave it out (${a.emptyStringCite?.cite ?? a.cite})`);
      }
      if (a.enum && typeof value === 'string' && !a.enum.includes(value)) {
        out.push(`${at}: ${JSON.stringify(value)} is not one of ${a.enum.join(', ')} (${a.cite})`);
      }
      return;
    case 'bool':
    case 'number':
      scalar(a.type, value, at);
      return;
    case 'object':
      checkObject(at, value, a.attributes ?? {}, [], out);
      return;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push(`${at}: expected a map (${a.cite})`);
      }
      return;
    case 'list':
    case 'set': {
      const items = a.block && a.maxItems === 1 && !Array.isArray(value) ? [value] : value;
      if (!Array.isArray(items)) {
        out.push(`${at}: expected a ${a.type} (${a.cite})`);
        return;
      }
      if (a.maxItems !== undefined && items.length > a.maxItems) {
        out.push(`${at}: at most ${a.maxItems} item(s) (${a.cite})`);
      }
      items.forEach((item, i) => {
        if (a.block) {
          checkObject(`${at}[${i}]`, item, a.block, [], out);
        } else {
          scalar(a.elem, item, `${at}[${i}]`);
        }
      });
      return;
    }
    default:
      out.push(`${at}: unsupported schema type ${a.type}`);
  }
}
