// The hook face consistency (src/main/vision, NAME=face) plugs into: every guard runs on the host right before a
// photo is bound to a student's order. A guard returns warnings (Chinese, shown to the photographer); any warning
// stops the binding until the photographer confirms (queue.bind confirmWarnings) — then the warnings are recorded
// with the binding. A guard that throws does not block the binding: its failure is logged and shown as a warning.

export interface BindCandidate {
  eventId: string;
  orderId: string;
  ticketId: string;
  /** The capture's bytes (JPEG/PNG as sent by the capture station) and their SHA-256. */
  bytes: Buffer;
  sha256: string;
  station: string;
}

export type BindGuard = (candidate: BindCandidate) => Promise<string[]> | string[];
