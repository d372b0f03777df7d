import { foldConstantNode } from './const-fold';
import { ConvertContext } from './convert-context';
import { topologicalOrder } from './graph-order';
import { OnnxGraphBuilder } from './onnx-graph';
import type { OnnxModel } from './onnx-types';
import { opHandlers } from './ops/registry';
import { removeDeadNodes, optimizeTransposes } from './transpose-optimizer';
import { attrShape, attrType } from './tfjs-attrs';
import type { TfjsGraphModelJson } from './tfjs-format';
import type { ConstTensor } from './weight-decoding';

export const OPSET = 17;
// IR version 8 is the one that goes with opsets 15–17.
export const IR_VERSION = 8;

export interface IoBinding {
  // TF side: a Placeholder name, or an output ref such as "Identity_2:0".
  tf: string;
  onnx: string;
  // Inputs only: a fixed NHWC shape for a Placeholder declared with unknown sizes (lets shape arithmetic fold).
  shape?: number[];
}

export interface ConversionOptions {
  graphName: string;
  inputs: IoBinding[];
  outputs: IoBinding[];
  optimizeTransposes: boolean;
  docString: string;
  metadata: Record<string, string>;
}

export function convertGraph(
  model: TfjsGraphModelJson,
  weights: ReadonlyMap<string, ConstTensor>,
  options: ConversionOptions,
): OnnxGraphBuilder & { inputNames: string[]; outputNames: string[] } {
  const graph = new OnnxGraphBuilder();
  const ctx = new ConvertContext(graph);
  const inputNames: string[] = [];
  const order = topologicalOrder(
    model.modelTopology.node,
    options.outputs.map((o) => o.tf),
  );
  for (const node of order) {
    if (node.op === 'Const') {
      const constant = weights.get(node.name);
      if (!constant) throw new Error(`Const ${node.name} has no weight data`);
      ctx.setConst(node.name, constant);
      continue;
    }
    if (node.op === 'Placeholder') {
      const binding = options.inputs.find((i) => i.tf === node.name);
      if (!binding) throw new Error(`Placeholder ${node.name} has no input binding`);
      const name = graph.declareInput(binding.onnx, {
        dtype: attrType(node, 'dtype'),
        shape: binding.shape ?? attrShape(node, 'shape'),
      });
      ctx.setOutput(node, 0, name);
      inputNames.push(name);
      continue;
    }
    if (foldConstantNode(ctx, node)) continue;
    const handler = opHandlers[node.op];
    if (!handler) throw new Error(`unsupported TF op ${node.op} (${node.name})`);
    handler(ctx, node);
  }
  const outputNames = options.outputs.map((binding) => {
    const value = ctx.value(binding.tf);
    const producer = graph.producer(value);
    // Rename the producing value when we can; otherwise (input/initializer passthrough) add an Identity.
    if (producer && !outputNamesTaken(graph, binding.onnx)) {
      graph.renameValue(value, binding.onnx);
      return binding.onnx;
    }
    return graph.add1('Identity', [value], { name: binding.onnx, ...graph.info(value) });
  });
  if (options.optimizeTransposes) optimizeTransposes(graph, outputNames);
  removeDeadNodes(graph, outputNames);
  return Object.assign(graph, { inputNames, outputNames });
}

function outputNamesTaken(graph: OnnxGraphBuilder, name: string): boolean {
  return graph.values.has(name);
}

export function convertTfjsModel(
  model: TfjsGraphModelJson,
  weights: ReadonlyMap<string, ConstTensor>,
  options: ConversionOptions,
): OnnxModel {
  const graph = convertGraph(model, weights, options);
  return {
    ir_version: IR_VERSION,
    producer_name: 'collection-studio tfjs-to-onnx',
    producer_version: '1',
    model_version: 1,
    doc_string: options.docString,
    graph: graph.toProto(options.graphName, graph.inputNames, graph.outputNames),
    opset_import: [{ domain: '', version: OPSET }],
    metadata_props: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
  };
}
