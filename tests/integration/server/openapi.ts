import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// docs/central-api.yaml as data, and ajv validators for its schemas: the integration tests check every
// answer of the server against the document, so the document cannot drift from the server.

export const API_DOC_PATH = path.resolve(__dirname, '../../../docs/central-api.yaml');

type Json = Record<string, unknown>;
export interface ApiDoc extends Json {
  paths: Record<string, Record<string, Json>>;
  components: Json & { schemas: Record<string, Json>; responses: Record<string, Json> };
}

export function loadApiDoc(): ApiDoc {
  return parse(readFileSync(API_DOC_PATH, 'utf8')) as ApiDoc;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

export interface Operation {
  path: string;
  method: string;
  op: Json;
}

export function operations(doc: ApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of HTTP_METHODS) if (item[m]) out.push({ path: p, method: m, op: item[m] as Json });
  }
  return out;
}

/** A response object with `$ref: '#/components/responses/X'` resolved. */
export function resolveResponse(doc: ApiDoc, response: Json): Json {
  const ref = response.$ref as string | undefined;
  if (!ref) return response;
  const name = ref.replace('#/components/responses/', '');
  const target = doc.components.responses[name];
  if (!target) throw new Error(`unresolved ${ref}`);
  return target;
}

export class ApiValidator {
  readonly doc: ApiDoc;
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<unknown, ValidateFunction>();

  constructor(doc = loadApiDoc()) {
    this.doc = doc;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema({ $id: 'api', components: doc.components });
  }

  /** Validator for a schema object taken from the document (its local $refs point into components). */
  compile(schema: unknown): ValidateFunction {
    let v = this.cache.get(schema);
    if (!v) {
      v = this.ajv.compile(rewriteRefs(schema) as Json);
      this.cache.set(schema, v);
    }
    return v;
  }

  errors(schema: unknown, value: unknown): string | null {
    const v = this.compile(schema);
    return v(value) ? null : this.ajv.errorsText(v.errors, { separator: '; ' });
  }

  /** The documented operation for a concrete request path ("/v1/orders/abc" → "/v1/orders/{uuid}"). */
  operation(method: string, concretePath: string): Operation {
    const pathOnly = concretePath.split('?')[0]!;
    for (const o of operations(this.doc)) {
      if (o.method !== method.toLowerCase()) continue;
      const re = new RegExp('^' + o.path.replace(/\{[^}]+\}/g, '[^/]+') + '$');
      if (re.test(pathOnly)) return o;
    }
    throw new Error(`${method} ${pathOnly} is not in docs/central-api.yaml`);
  }

  /**
   * Checks one real answer against the document: the status is documented for the operation, the
   * documented headers are present, and a JSON body validates against the documented schema.
   */
  checkResponse(
    method: string,
    concretePath: string,
    status: number,
    headers: Record<string, string | string[] | undefined> | Headers,
    body: string,
  ): void {
    const { op, path: p } = this.operation(method, concretePath);
    const responses = op.responses as Record<string, Json>;
    const raw = responses[String(status)];
    if (!raw) throw new Error(`${method} ${p}: status ${status} is not documented (body: ${body.slice(0, 200)})`);
    const response = resolveResponse(this.doc, raw);
    const header = (name: string): string | undefined => {
      if (headers instanceof Headers) return headers.get(name) ?? undefined;
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    // every documented header must be there, except one marked `required: false`
    for (const [name, h] of Object.entries((response.headers as Record<string, Json> | undefined) ?? {})) {
      if (h.required !== false && header(name) === undefined)
        throw new Error(`${method} ${p} ${status}: header ${name} missing`);
    }
    const content = response.content as Record<string, Json> | undefined;
    if (!content || method.toUpperCase() === 'HEAD') return; // HEAD answers carry no body
    const type = (header('content-type') ?? '').split(';')[0]!.trim();
    const media = content[type];
    if (!media) throw new Error(`${method} ${p} ${status}: content-type "${type}" is not documented`);
    if (type === 'application/json') {
      const problems = this.errors(media.schema, JSON.parse(body));
      if (problems) throw new Error(`${method} ${p} ${status}: body does not match the document: ${problems}`);
    }
  }
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `api${v}` : rewriteRefs(v);
    }
    return out;
  }
  return node;
}
