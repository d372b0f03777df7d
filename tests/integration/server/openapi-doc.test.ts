import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { z } from 'zod';
import * as central from '../../../src/shared/central';
import { API_DOC_PATH, ApiValidator, operations, resolveResponse } from './openapi';

// docs/central-api.yaml: valid OpenAPI 3.1 (Redocly's recommended rules), a complete valid example for
// every body and response, and the same shapes as the zod schemas in src/shared/central.

const validator = new ApiValidator();
const doc = validator.doc;

const ZOD_TWINS: Record<string, z.ZodType> = {
  Error: central.CentralError,
  OrderConflict: central.OrderConflict,
  Health: central.Health,
  OrderSnapshot: central.OrderSnapshot,
  OrderAccepted: central.OrderAccepted,
  ReviewDecision: central.ReviewDecision,
  ReviewsPage: central.ReviewsPage,
  AdminOrder: central.AdminOrder,
  AdminOrdersPage: central.AdminOrdersPage,
  ServerStats: central.ServerStats,
  StationStats: central.StationStats,
  Student: central.CentralStudent,
  Payment: central.CentralPayment,
  FinalPhoto: central.CentralFinalPhoto,
  PhotoRef: central.CentralPhotoRef,
  Event: central.CentralEvent,
  Check: central.CentralCheck,
};

type Json = Record<string, unknown>;

function examples(): { where: string; schema: unknown; example: unknown }[] {
  const out: { where: string; schema: unknown; example: unknown }[] = [];
  for (const { path, method, op } of operations(doc)) {
    const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
    for (const [type, media] of Object.entries(body ?? {}))
      out.push({ where: `${method} ${path} request ${type}`, schema: media.schema, example: media.example });
    for (const [status, raw] of Object.entries(op.responses as Record<string, Json>)) {
      const content = resolveResponse(doc, raw).content as Record<string, Json> | undefined;
      for (const [type, media] of Object.entries(content ?? {}))
        out.push({ where: `${method} ${path} ${status} ${type}`, schema: media.schema, example: media.example });
    }
  }
  return out;
}

describe('docs/central-api.yaml', () => {
  it('is valid OpenAPI 3.1 with no lint error or warning (Redocly recommended rules)', async () => {
    // GET /v1/health has no client error to document: the one rule switched off.
    const config = await createConfig({ extends: ['recommended'], rules: { 'operation-4xx-response': 'off' } });
    const problems = await lintFromString({
      source: readFileSync(API_DOC_PATH, 'utf8'),
      absoluteRef: API_DOC_PATH,
      config,
    });
    const text = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`);
    expect(text).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has an example on every request body and response body, each valid against its schema', () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(20);
    for (const { where, schema, example } of all) {
      expect(example, `${where}: example missing`).toBeDefined();
      if (!where.includes('application/json')) continue;
      expect(validator.errors(schema, example), where).toBeNull();
    }
  });

  it('documents parameters with examples', () => {
    for (const { path, method, op } of operations(doc)) {
      const params = [
        ...((doc.paths[path]!.parameters as unknown as Json[] | undefined) ?? []),
        ...((op.parameters as Json[] | undefined) ?? []),
      ];
      for (const p of params) {
        const param = p.$ref ? (doc.components.parameters as Json)[(p.$ref as string).split('/').pop()!] : p;
        expect((param as Json).example, `${method} ${path} parameter ${(param as Json).name}`).toBeDefined();
      }
    }
  });

  it('every JSON example also parses with the zod schema the server and the station use', () => {
    let checked = 0;
    for (const { where, schema, example } of examples()) {
      const ref = (schema as Json | undefined)?.$ref as string | undefined;
      const name = ref?.split('/').pop();
      const twin = name ? ZOD_TWINS[name] : undefined;
      if (!twin) continue;
      const r = twin.safeParse(example);
      expect(r.success, `${where}: ${r.success ? '' : r.error.message}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('has the same properties and required fields as the zod schemas (no drift between the two)', () => {
    for (const [name, twin] of Object.entries(ZOD_TWINS)) {
      const fromZod = z.toJSONSchema(twin, { io: 'input', unrepresentable: 'any' }) as Json;
      const fromDoc = flatten(doc.components.schemas[name]!);
      expect(Object.keys((fromZod.properties as Json) ?? {}).sort(), `${name} properties`).toEqual(
        Object.keys(fromDoc.properties).sort(),
      );
      expect([...((fromZod.required as string[]) ?? [])].sort(), `${name} required`).toEqual(
        [...fromDoc.required].sort(),
      );
    }
  });

  it('refuses a plaintext 证件号 in the document and in zod alike', () => {
    const example = structuredClone(
      ((doc.paths['/v1/orders/{uuid}']!.put as Json).requestBody as { content: Record<string, Json> }).content[
        'application/json'
      ]!.example,
    ) as { student: { idMasked: string } };
    example.student.idMasked = '44302019990101123X';
    const schema = { $ref: '#/components/schemas/OrderSnapshot' };
    expect(validator.errors(schema, example)).toMatch(/idMasked/);
    expect(central.OrderSnapshot.safeParse(example).success).toBe(false);
  });

  it('lists the nine reject reasons of the review console', () => {
    const codes = (doc.components.schemas.ReviewDecision!.properties as Json).reasonCode as { enum: unknown[] };
    expect(codes.enum.filter((c) => c !== null)).toEqual(central.REJECT_REASON_CODES);
    expect(central.REJECT_REASONS.map((r) => r.label)).toEqual([
      '背景不符',
      '头部比例不符',
      '眼镜反光',
      '表情/未闭嘴',
      '衣着与背景相近',
      '头发遮挡',
      '佩戴饰品',
      '照片模糊',
      '其他',
    ]);
  });
});

/** properties/required of a schema, following one level of allOf with $refs into components. */
function flatten(schema: Json): { properties: Json; required: string[] } {
  const props: Json = { ...((schema.properties as Json) ?? {}) };
  const required = [...((schema.required as string[]) ?? [])];
  for (const part of (schema.allOf as Json[]) ?? []) {
    const target = part.$ref ? doc.components.schemas[(part.$ref as string).split('/').pop()!]! : part;
    const f = flatten(target);
    Object.assign(props, f.properties);
    required.push(...f.required);
  }
  return { properties: props, required };
}
