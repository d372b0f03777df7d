import {
  broadcastConstToLayout,
  composePermutations,
  invertPermutation,
  isIdentityPermutation,
  permuteShape,
} from './layout';
import type { IrNode, OnnxGraphBuilder } from './onnx-graph';

// The converter wraps every conv/pool/resize in NHWC→NCHW→NHWC transposes. This pass pushes the trailing
// transposes down through layout-agnostic ops so they meet the next leading transpose and cancel.

const UNARY = new Set([
  'Relu',
  'Sigmoid',
  'Tanh',
  'Sqrt',
  'Exp',
  'Neg',
  'Abs',
  'Floor',
  'Elu',
  'LeakyRelu',
  'Reciprocal',
]);
const BINARY = new Set(['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min', 'PRelu', 'Sum']);

function permOf(node: IrNode): number[] {
  const perm = node.attrs.perm;
  if (!perm || !('ints' in perm)) throw new Error(`${node.name}: Transpose without perm`);
  return perm.ints;
}

function replaceUses(graph: OnnxGraphBuilder, from: string, to: string): void {
  for (const node of graph.nodes) node.inputs = node.inputs.map((n) => (n === from ? to : n));
}

// Transpose(Transpose(x, p), q) → Transpose(x, p∘q), or x itself when that is the identity.
function foldTransposePairs(graph: OnnxGraphBuilder, outputs: readonly string[]): boolean {
  let changed = false;
  for (const node of [...graph.nodes]) {
    if (node.op !== 'Transpose') continue;
    const [input] = node.inputs;
    const inner = input === undefined ? undefined : graph.producer(input);
    if (!inner || inner.op !== 'Transpose' || inner.inputs[0] === undefined) continue;
    const composed = composePermutations(permOf(inner), permOf(node));
    const [output] = node.outputs;
    if (output === undefined) continue;
    if (isIdentityPermutation(composed) && !outputs.includes(output)) {
      replaceUses(graph, output, inner.inputs[0]);
      graph.nodes = graph.nodes.filter((n) => n !== node);
    } else {
      node.inputs = [inner.inputs[0]];
      node.attrs.perm = { ints: composed };
    }
    changed = true;
  }
  return changed;
}

// Which inputs carry the activation (must come from a transpose) and which are constants to re-lay out.
function sinkableInputs(node: IrNode): { activations: number[]; constants: number[] } | undefined {
  const all = node.inputs.map((_, i) => i);
  if (UNARY.has(node.op)) return { activations: [0], constants: [] };
  if (BINARY.has(node.op)) return { activations: all, constants: [] };
  if (node.op === 'Clip' || node.op === 'Pad') return { activations: [0], constants: all.slice(1) };
  return undefined;
}

function trySink(graph: OnnxGraphBuilder, node: IrNode): boolean {
  const roles = sinkableInputs(node);
  const [output] = node.outputs;
  if (!roles || output === undefined || node.outputs.length !== 1) return false;
  let perm: number[] | undefined;
  const sources: (string | undefined)[] = [];
  const movable = new Set<IrNode>();
  for (const [i, input] of node.inputs.entries()) {
    const producer = graph.producer(input);
    const init = graph.initializers.get(input);
    if (producer?.op === 'Transpose') {
      const p = permOf(producer);
      if (perm && p.join() !== perm.join()) return false;
      perm = p;
      sources[i] = producer.inputs[0];
      // A shared transpose is worth sinking only if all its users can take it too, so it eventually disappears.
      if (graph.consumers(input).every((c) => sinkableInputs(c) !== undefined)) movable.add(producer);
    } else if (
      init &&
      (roles.constants.includes(i) || node.op !== 'Pad') &&
      (init.dtype !== 'int64' || node.op === 'Pad')
    ) {
      sources[i] = undefined;
    } else {
      return false;
    }
  }
  if (!perm || movable.size === 0) return false;
  const inverse = invertPermutation(perm);
  const rank = perm.length;
  node.inputs = node.inputs.map((input, i) => {
    const source = sources[i];
    if (source !== undefined) return source;
    const init = graph.initializers.get(input);
    if (!init) throw new Error('unreachable: input is neither transposed nor constant');
    if (node.op === 'Pad' && i === 1) {
      const pads = Array.from(init.data, Number);
      const begins = pads.slice(0, rank);
      const ends = pads.slice(rank);
      return graph.int64(`${input}/relaid`, [...permuteShape(begins, inverse), ...permuteShape(ends, inverse)]);
    }
    if (init.shape.length > rank) return input;
    const moved = broadcastConstToLayout(init.data as Float32Array, init.shape, inverse);
    return graph.addInitializer(`${input}/relaid`, init.dtype, moved.shape, moved.data);
  });
  const info = graph.info(output);
  const inner = graph.uniqueName(`${output}/pre`);
  graph.values.set(inner, { dtype: info.dtype, shape: permuteShape(info.shape, inverse) });
  node.outputs = [inner];
  const transpose: IrNode = {
    name: graph.uniqueName(`${output}/Transpose`),
    op: 'Transpose',
    inputs: [inner],
    outputs: [output],
    attrs: { perm: { ints: perm } },
  };
  graph.nodes.splice(graph.nodes.indexOf(node) + 1, 0, transpose);
  return true;
}

export function optimizeTransposes(graph: OnnxGraphBuilder, outputs: readonly string[]): void {
  for (let changed = true; changed;) {
    changed = foldTransposePairs(graph, outputs);
    for (const node of [...graph.nodes]) {
      if (graph.nodes.includes(node) && trySink(graph, node)) changed = true;
    }
    removeDeadNodes(graph, outputs);
  }
}

export function removeDeadNodes(graph: OnnxGraphBuilder, outputs: readonly string[]): void {
  const live = new Set(outputs);
  const kept: IrNode[] = [];
  for (const node of [...graph.nodes].reverse()) {
    if (!node.outputs.some((o) => live.has(o))) continue;
    kept.push(node);
    for (const input of node.inputs) live.add(input);
  }
  graph.nodes = kept.reverse();
}
