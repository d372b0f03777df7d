import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CameraService } from './camera-service';

export const LIVE_STREAM_PATH = '/camera/live.mjpeg';
const BOUNDARY = 'studioframe';
export const LIVE_STREAM_TYPE = `multipart/x-mixed-replace; boundary=${BOUNDARY}`;

/** One multipart part: headers + JPEG + CRLF. */
export function mjpegPart(jpeg: Buffer): Buffer {
  const head = `--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), jpeg, Buffer.from('\r\n', 'latin1')]);
}

/** GET /camera/live.mjpeg on the web host: a slow client skips frames instead of buffering them. */
export async function serveLiveStream(camera: CameraService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let waiting = false;
  let leave: (() => void) | null = null;
  const stop = () => {
    leave?.();
    leave = null;
  };
  req.on('close', stop);
  res.on('error', stop);
  leave = await camera.addViewer((jpeg) => {
    if (waiting || res.destroyed) return;
    if (!res.headersSent) writeHead(res);
    if (!res.write(mjpegPart(jpeg))) {
      waiting = true;
      res.once('drain', () => (waiting = false));
    }
  });
  if (req.destroyed) stop();
  if (!res.headersSent) writeHead(res);
}

function writeHead(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': LIVE_STREAM_TYPE,
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    connection: 'close',
  });
}

/** The same stream for Electron's app:// protocol (registered with stream: true). */
export function liveStreamResponse(camera: CameraService): Response {
  let leave: (() => void) | null = null;
  const body = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        try {
          leave = await camera.addViewer((jpeg) => {
            // desiredSize ≤ 0: the window has not taken the last frame yet; drop this one.
            if ((controller.desiredSize ?? 1) > 0) controller.enqueue(new Uint8Array(mjpegPart(jpeg)));
          });
        } catch (err) {
          controller.error(err);
        }
      },
      cancel() {
        leave?.();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { headers: { 'content-type': LIVE_STREAM_TYPE, 'cache-control': 'no-store' } });
}
