// Photo-spec profiles as data: a school or a future CHSI change is a new profile, not a code change.
// Geometry is in output pixels (480×640 for the CHSI profiles), from the 学历证书电子注册图像采集规范 and seed 002.
import { defaultCheckThresholds, type CheckThresholds } from './check-thresholds';

export interface Range {
  min: number;
  max: number;
}

export interface OutputSpec {
  width: number;
  height: number;
  dpi: number;
  format: 'jpeg';
  /** Background colour as #RRGGBB. */
  background: string;
  /** File size bounds in bytes; max null = no upper bound. */
  bytes: { min: number; max: number | null };
  minJpegQuality: number;
}

export interface GeometrySpec {
  /** Top of the head (hairline) below the top edge, px. */
  headTop: Range;
  /** Eye line below the top edge, px. */
  eyeLine: Range;
  /** Face width, px. */
  faceWidth: Range;
  /** Max horizontal offset of the face centre from the image centre, px. */
  maxCenterOffset: number;
}

export interface PhotoProfile {
  id: string;
  name: string;
  output: OutputSpec;
  geometry: GeometrySpec;
  /** Compliance-check thresholds (src/shared/checks); defaultCheckThresholds when absent. */
  checks?: CheckThresholds;
}

export const CHSI_BLUE = '#28BEFA';

const chsiGeometry: GeometrySpec = {
  headTop: { min: 50, max: 110 },
  eyeLine: { min: 200, max: 300 },
  faceWidth: { min: 180, max: 300 },
  maxCenterOffset: 10,
};

export const chsiProfile: PhotoProfile = {
  id: 'chsi',
  name: '学信网 480×640（30–40 KB）',
  output: {
    width: 480,
    height: 640,
    dpi: 300,
    format: 'jpeg',
    background: CHSI_BLUE,
    bytes: { min: 30 * 1024, max: 40 * 1024 },
    minJpegQuality: 60,
  },
  geometry: chsiGeometry,
  checks: defaultCheckThresholds,
};

export const chsi30kProfile: PhotoProfile = {
  ...chsiProfile,
  id: 'chsi-30k',
  name: '学信网 480×640（≥ 30 KB）',
  output: { ...chsiProfile.output, bytes: { min: 30 * 1024, max: null } },
};
