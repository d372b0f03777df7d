import type { Res } from '../../shared/contract';
import type { CameraKind } from '../../shared/contract/camera';
import type { FaceConsistencyView } from '../../shared/contract/face';
import type { PhotoView } from '../../shared/contract/views';
import { canAddPhoto, type OrderState } from '../../shared/domain/order-state';

// The 拍摄 page's rules, without React: what the shutter may do, what a stored shot changes, when auto-capture
// fires, what Enter / R / Space mean, and which order the station camera is told is in front of it.

export type Phase = 'idle' | 'shooting' | 'processing';

export interface ShotResult {
  original: PhotoView;
  final: PhotoView | null;
  /** 人脸一致性 of the capture (issue 13), when it was checked. */
  face?: FaceConsistencyView | null;
}

export interface CaptureState {
  phase: Phase;
  error: string | null;
  result: ShotResult | null;
  /** The order the result belongs to: a result never shows for another student. */
  resultFor: string | null;
  /** The photographer looked at the 人脸一致性 warning of this result and confirmed it is the student. */
  faceConfirmed: boolean;
}

export const INITIAL_CAPTURE: CaptureState = {
  phase: 'idle',
  error: null,
  result: null,
  resultFor: null,
  faceConfirmed: false,
};

export type CaptureAction =
  /** The shutter was pressed: the previous photo and verdict go at once (a refused capture must not leave them). */
  | { type: 'shoot' }
  /** The still is taken; production and 初审 are running. */
  | { type: 'processing' }
  /** Stored for `orderId` (the shutter, a shot taken on the camera, or a 未归属 shot assigned). */
  | { type: 'stored'; orderId: string; result: Res<'photos.capture'> }
  | { type: 'failed'; error: string }
  /** Event mode: the shot went to queue.bind (its answer shows in the queue panel, not as a result here). */
  | { type: 'sent' }
  | { type: 'error'; error: string | null }
  | { type: 'retake' }
  /** 已核对是本人: the face warning of the result on screen was checked by the photographer. */
  | { type: 'faceConfirmed' }
  /** Another student is in front of the camera (or none). */
  | { type: 'sitter'; orderId: string | null }
  /**
   * 拍摄 opened again for a student: their last capture result (kept from this session, else the order's latest
   * photo) shows again — only while nothing else is on screen and the shutter is idle.
   */
  | { type: 'restore'; orderId: string; result: ShotResult; faceConfirmed?: boolean };

export function captureReducer(s: CaptureState, a: CaptureAction): CaptureState {
  switch (a.type) {
    case 'shoot':
      return { ...s, phase: 'shooting', error: null, result: null, resultFor: null };
    case 'processing':
      return s.phase === 'shooting' ? { ...s, phase: 'processing' } : s;
    case 'stored':
      return {
        ...s,
        phase: 'idle',
        error: null,
        result: { original: a.result.original, final: a.result.final, face: a.result.face ?? null },
        resultFor: a.orderId,
        faceConfirmed: false,
      };
    case 'failed':
      return { ...s, phase: 'idle', error: a.error };
    case 'sent':
      return { ...s, phase: 'idle', error: null };
    case 'error':
      return { ...s, error: a.error };
    case 'retake':
      return { ...s, result: null, resultFor: null, faceConfirmed: false };
    case 'faceConfirmed':
      return s.result ? { ...s, faceConfirmed: true } : s;
    case 'sitter':
      return a.orderId === s.resultFor ? s : { ...s, result: null, resultFor: null, error: null, faceConfirmed: false };
    case 'restore':
      if (s.result || s.phase !== 'idle') return s;
      return { ...s, result: a.result, resultFor: a.orderId, faceConfirmed: a.faceConfirmed ?? false };
  }
}

/**
 * The order's last capture as a result: its latest original with the final made from it (none: the final module
 * was not ready, or production failed). The 人脸一致性 of that capture is not stored with the photos (null here).
 */
export function resultFromPhotos(photos: readonly PhotoView[]): ShotResult | null {
  const latest = (kind: PhotoView['kind']) =>
    photos
      .filter((p) => p.kind === kind)
      .reduce<PhotoView | null>((best, p) => (!best || p.version > best.version ? p : best), null);
  const original = latest('original');
  if (!original) return null;
  const final = photos
    .filter((p) => p.kind === 'final' && p.sourcePhotoId === original.id)
    .reduce<PhotoView | null>((best, p) => (!best || p.version > best.version ? p : best), null);
  return { original, final, face: null };
}

/**
 * The last capture result per student in this window (kept when 拍摄 is left and opened again: the 人脸一致性
 * warning and its confirmation are not stored with the photos).
 */
const kept = new Map<string, { result: ShotResult; faceConfirmed: boolean }>();
const KEPT_MAX = 50;

export function keepResult(s: CaptureState): void {
  if (!s.resultFor || !s.result) return;
  kept.delete(s.resultFor); // re-inserted: the newest last
  kept.set(s.resultFor, { result: s.result, faceConfirmed: s.faceConfirmed });
  while (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value!);
}

export function keptResult(orderId: string): { result: ShotResult; faceConfirmed: boolean } | null {
  return kept.get(orderId) ?? null;
}

/**
 * What 拍摄 shows again for a student: the result kept in this window (with its 人脸一致性 warning) only while it is
 * still the order's latest original — a shot stored since (the hot folder, another window) wins, rebuilt from the
 * order's photos.
 */
export function resultToRestore(
  keptOne: { result: ShotResult; faceConfirmed: boolean } | null,
  photos: readonly PhotoView[],
): { result: ShotResult; faceConfirmed?: boolean } | null {
  const fromPhotos = resultFromPhotos(photos);
  if (keptOne && (!fromPhotos || fromPhotos.original.id === keptOne.result.original.id)) return keptOne;
  return fromPhotos ? { result: fromPhotos } : null;
}

/** Forget the result kept for a student (a retake: the order's latest photo shows next time). */
export function forgetResult(orderId: string | null): void {
  if (orderId) kept.delete(orderId);
}

/** What the shutter may do now: shoot, or why not. */
export function shutterBlock(
  s: CaptureState,
  station: { orderId: string | null; operator: string },
): 'noOrder' | 'busy' | 'noOperator' | null {
  if (!station.orderId) return 'noOrder';
  if (s.phase !== 'idle') return 'busy';
  if (!station.operator.trim()) return 'noOperator';
  return null;
}

/** The result carries a 人脸一致性 warning the photographer has not confirmed yet: nothing leads on until then. */
export function faceUnconfirmed(s: CaptureState): boolean {
  const face = s.result?.face;
  return !!face && face.status === 'warn' && face.warnings.length > 0 && !s.faceConfirmed;
}

/**
 * The 初审 passed: Enter / the button leads on (to 收费 when unpaid, else to the next student) — not while a face
 * warning waits for the photographer (a photo of the wrong person must not go on to payment by a reflex Enter).
 */
export function acceptStep(s: CaptureState, paid: boolean | null): 'payment' | 'next' | null {
  if (s.result?.final?.precheck !== 'passed' || faceUnconfirmed(s)) return null;
  return paid ? 'next' : 'payment';
}

/**
 * Auto-capture: every live check passing for `frames` analysed frames in a row, no photo yet for this sitting,
 * the shutter idle, a camera the station can trigger (a hot folder's shutter is on the camera), and the gate of
 * the check-in rules (`gate`, when given) open.
 */
export function shouldAutoCapture(input: {
  auto: boolean;
  frames: number;
  passStreak: number;
  state: CaptureState;
  cameraKind: CameraKind | 'browser' | null;
  gate?: boolean;
}): boolean {
  if (!input.auto || input.state.result || input.state.phase !== 'idle') return false;
  if (input.cameraKind === 'hotfolder') return false;
  if (input.gate === false) return false;
  return input.passStreak >= input.frames;
}

/**
 * Auto-capture only for a sitter who still needs a photo: the order loaded is the one on screen (never a previous
 * student's order still in memory), photos may be added in its state, and it has no final photo that passed 初审.
 * Opening 拍摄 again for a student already photographed (or paid, or waiting for review) never shoots by itself;
 * a retake of such a student is the photographer's Space.
 */
export function sitterNeedsPhoto(
  order: { id: string; state: OrderState; finalPhotoSha256: string | null } | null,
  currentOrderId: string | null,
): boolean {
  if (!order || !currentOrderId || order.id !== currentOrderId) return false;
  return canAddPhoto(order.state) && order.finalPhotoSha256 === null;
}

export type KeyIntent = 'accept' | 'retake' | 'shoot' | null;

/**
 * Space is the shutter anywhere but in a text field (on a focused button its keyup is swallowed too, so it does not
 * press that button again); Enter accepts a passing photo unless a button has focus; R retakes.
 */
export function keyIntent(
  key: { isAccept: boolean; isRetake: boolean; isSpace: boolean; repeat: boolean },
  where: { inField: boolean; onButton: boolean },
  s: CaptureState,
): KeyIntent {
  if (where.inField || key.repeat) return null;
  if (key.isAccept && !where.onButton && s.result?.final?.precheck === 'passed') return 'accept';
  if (key.isRetake && s.result) return 'retake';
  if (key.isSpace) return 'shoot';
  return null;
}

/**
 * What camera.setCurrentOrder is told: the student on 拍摄 while the station camera is the source and an operator
 * is named; else nobody (a shot taken on the camera then waits in 未归属 instead of going to a stale student).
 */
export function currentOrderRequest(input: {
  orderId: string | null;
  operator: string;
  source: 'station' | 'browser';
}): { orderId: string; operator: string } | { orderId: null } {
  const operator = input.operator.trim();
  if (input.source !== 'station' || !input.orderId || !operator) return { orderId: null };
  return { orderId: input.orderId, operator };
}

/** A camera.shot push: stored for the student on screen → show it; for anyone else it is not this page's result. */
export function shotForScreen(
  shot: { outcome: 'order' | 'tray'; orderId: string | null; result: Res<'photos.capture'> | null },
  currentOrderId: string | null,
): CaptureAction | null {
  if (shot.outcome !== 'order' || !shot.result || !shot.orderId || shot.orderId !== currentOrderId) return null;
  return { type: 'stored', orderId: shot.orderId, result: shot.result };
}
