import { CAMERA_MESSAGES, CameraError, type CameraErrorCode } from './camera-error';

// gphoto2 prints English errors (we run it with LANG=C); map the ones a photographer meets to what to do.
const PATTERNS: [RegExp, CameraErrorCode][] = [
  [/No camera found|Could not detect any camera|-105\b|Unknown model/i, 'no_camera'],
  [/Could not claim the USB device|Device or resource busy|-53\b|-110\b|I\/O in progress|Camera is busy/i, 'busy'],
  [
    /Could not find the requested device|LIBUSB_ERROR_NO_DEVICE|No such device|-52\b|I\/O problem|-7\b/i,
    'disconnected',
  ],
  [/can not capture|Unsupported operation|-6\b|not supported/i, 'unsupported'],
];

/** Turn gphoto2's stderr into a CameraError with a Chinese message. */
export function gphoto2Error(stderr: string, action: string): CameraError {
  for (const [re, code] of PATTERNS) {
    if (re.test(stderr)) {
      const msg = code === 'unsupported' ? `${CAMERA_MESSAGES.unsupported}（${action}）` : CAMERA_MESSAGES[code];
      return new CameraError(code, msg);
    }
  }
  const detail = lastErrorLine(stderr);
  return new CameraError('failed', `${CAMERA_MESSAGES.failed}（${action}）${detail ? `：${detail}` : ''}`);
}

function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /error/i.test(l));
  return (lines.at(-1) ?? '').replace(/\*+/g, '').trim().slice(0, 160);
}

/** Parse `gphoto2 --auto-detect`: a header, a dashed line, then "Model   port" rows. */
export function parseAutoDetect(text: string): { model: string; port: string }[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^-{5,}/.test(l.trim()));
  if (start < 0) return [];
  const rows: { model: string; port: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^(.*\S)\s{2,}(\S+)\s*$/.exec(line);
    if (m) rows.push({ model: m[1]!.trim(), port: m[2]! });
  }
  return rows;
}

/** Parse `gphoto2 --list-files` rows ("#12    IMG_0012.JPG  rd  6123 KB image/jpeg 1700000000"). */
export function parseFileList(text: string): { number: number; name: string; folder: string }[] {
  const files: { number: number; name: string; folder: string }[] = [];
  let folder = '/';
  for (const line of text.split('\n')) {
    const f = /folder '([^']*)'/.exec(line);
    if (f) folder = f[1]!;
    const m = /^#(\d+)\s+(\S+)/.exec(line.trim());
    if (m) files.push({ number: Number(m[1]), name: m[2]!, folder });
  }
  return files;
}
