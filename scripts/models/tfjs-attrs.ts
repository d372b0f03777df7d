import type { TfAttrValue, TfNode } from './tfjs-format';

// TF.js stores int64 attributes as decimal strings and strings as base64; these readers normalise that.

function attr(node: TfNode, key: string): TfAttrValue | undefined {
  return node.attr?.[key];
}

function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

export function attrString(node: TfNode, key: string, fallback?: string): string {
  const value = attr(node, key)?.s;
  if (value !== undefined) return decodeBase64(value);
  if (fallback !== undefined) return fallback;
  throw new Error(`${node.op} ${node.name}: missing string attribute ${key}`);
}

export function attrStrings(node: TfNode, key: string): string[] {
  return (attr(node, key)?.list?.s ?? []).map(decodeBase64);
}

export function attrInt(node: TfNode, key: string, fallback?: number): number {
  const value = attr(node, key)?.i;
  if (value !== undefined) return Number(value);
  if (fallback !== undefined) return fallback;
  throw new Error(`${node.op} ${node.name}: missing int attribute ${key}`);
}

export function attrInts(node: TfNode, key: string, fallback?: number[]): number[] {
  const value = attr(node, key)?.list?.i;
  if (value !== undefined) return value.map(Number);
  if (fallback !== undefined) return fallback;
  throw new Error(`${node.op} ${node.name}: missing int list attribute ${key}`);
}

export function attrFloat(node: TfNode, key: string, fallback: number): number {
  return attr(node, key)?.f ?? fallback;
}

export function attrBool(node: TfNode, key: string, fallback: boolean): boolean {
  return attr(node, key)?.b ?? fallback;
}

export type TfDataType = 'float32' | 'int32' | 'int64' | 'bool';

const TF_TYPES: Record<string, TfDataType> = {
  DT_FLOAT: 'float32',
  DT_INT32: 'int32',
  DT_INT64: 'int64',
  DT_BOOL: 'bool',
};

export function parseTfType(name: string): TfDataType {
  const dtype = TF_TYPES[name];
  if (!dtype) throw new Error(`unsupported TensorFlow dtype ${name}`);
  return dtype;
}

export function attrType(node: TfNode, key: string): TfDataType {
  const value = attr(node, key)?.type;
  if (value === undefined) throw new Error(`${node.op} ${node.name}: missing type attribute ${key}`);
  return parseTfType(value);
}

// Placeholder shapes: unknown sizes (-1) stay -1.
export function attrShape(node: TfNode, key: string): number[] {
  const dims = attr(node, key)?.shape?.dim ?? [];
  return dims.map((d) => Number(d.size ?? -1));
}

// "name:1" → { node: "name", index: 1 }; control inputs ("^name") are ignored by callers.
export function parseInputRef(ref: string): { node: string; index: number } {
  const colon = ref.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(ref.slice(colon + 1))) {
    return { node: ref.slice(0, colon), index: Number(ref.slice(colon + 1)) };
  }
  return { node: ref, index: 0 };
}
