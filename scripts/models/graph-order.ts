import { parseInputRef } from './tfjs-attrs';
import type { TfNode } from './tfjs-format';

// Nodes needed for `outputs`, each after its inputs; order follows the outputs' depth-first walk so it is stable.
export function topologicalOrder(nodes: readonly TfNode[], outputs: readonly string[]): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: TfNode[] = [];
  const stack: { name: string; expanded: boolean }[] = outputs
    .map((ref) => ({ name: parseInputRef(ref).node, expanded: false }))
    .reverse();
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top || state.get(top.name) === 'done') continue;
    const node = byName.get(top.name);
    if (!node) throw new Error(`graph references unknown node ${top.name}`);
    if (top.expanded) {
      state.set(top.name, 'done');
      order.push(node);
      continue;
    }
    if (state.get(top.name) === 'visiting') throw new Error(`cycle through ${top.name}`);
    state.set(top.name, 'visiting');
    stack.push({ name: top.name, expanded: true });
    const inputs = (node.input ?? []).filter((r) => !r.startsWith('^')).map((r) => parseInputRef(r).node);
    for (const input of [...inputs].reverse()) {
      if (state.get(input) !== 'done') stack.push({ name: input, expanded: false });
    }
  }
  return order;
}
