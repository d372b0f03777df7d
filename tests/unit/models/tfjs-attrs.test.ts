import { describe, expect, it } from 'vitest';
import {
  attrInt,
  attrInts,
  attrShape,
  attrString,
  attrStrings,
  attrType,
  parseInputRef,
} from '../../../scripts/models/tfjs-attrs';
import { ints, node, placeholder, str, strs, type } from './tiny-graphs';

describe('TF.js attribute readers', () => {
  const n = node('conv', '_FusedConv2D', [], {
    padding: str('SAME'),
    fused_ops: strs('BiasAdd', 'Prelu'),
    strides: ints(1, 2, 2, 1),
    num_args: { i: '2' },
    T: type('DT_FLOAT'),
  });

  it('decodes base64 strings and string lists', () => {
    expect(attrString(n, 'padding')).toBe('SAME');
    expect(attrStrings(n, 'fused_ops')).toEqual(['BiasAdd', 'Prelu']);
    expect(attrString(n, 'data_format', 'NHWC')).toBe('NHWC');
  });

  it('turns int64 strings into numbers', () => {
    expect(attrInts(n, 'strides')).toEqual([1, 2, 2, 1]);
    expect(attrInt(n, 'num_args')).toBe(2);
    expect(() => attrInt(n, 'missing')).toThrow(/missing int attribute/);
  });

  it('maps TF dtypes and placeholder shapes', () => {
    expect(attrType(n, 'T')).toBe('float32');
    const p = placeholder('x', [-1, 192, 192, 3], 'DT_INT32');
    expect(attrType(p, 'dtype')).toBe('int32');
    expect(attrShape(p, 'shape')).toEqual([-1, 192, 192, 3]);
  });

  it('parses output references', () => {
    expect(parseInputRef('a/b')).toEqual({ node: 'a/b', index: 0 });
    expect(parseInputRef('unstack_1:1')).toEqual({ node: 'unstack_1', index: 1 });
    expect(parseInputRef('Identity:0')).toEqual({ node: 'Identity', index: 0 });
  });
});
