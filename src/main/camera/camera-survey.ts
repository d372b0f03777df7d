import type { CameraDevice, CameraDriver, CameraKind } from './camera';

/** What `studio camera list` prints: every kind of source, with why it is not available. */
export interface CameraSourceLine {
  id: string;
  kind: 'gphoto2' | 'webcam' | 'hotfolder' | 'replay';
  label: string;
  available: boolean;
  reason: string | null;
}

const CLI_KIND: Record<CameraKind, CameraSourceLine['kind']> = {
  dslr: 'gphoto2',
  webcam: 'webcam',
  hotfolder: 'hotfolder',
  replay: 'replay',
};

const KIND_LABEL: Record<CameraKind, string> = {
  dslr: '单反相机（gphoto2）',
  webcam: 'USB 摄像头',
  hotfolder: '热文件夹',
  replay: '演示相机',
};

export function sourceLine(device: CameraDevice): CameraSourceLine {
  return { id: device.id, kind: CLI_KIND[device.kind], label: device.label, available: true, reason: null };
}

/** One line per device found, and one unavailable line (with the reason) per kind that found none. */
export async function surveyCameras(drivers: CameraDriver[]): Promise<CameraSourceLine[]> {
  const perDriver = await Promise.all(
    drivers.map(async (d): Promise<CameraSourceLine[]> => {
      let devices: CameraDevice[] = [];
      let failure: string | null = null;
      try {
        devices = await d.list();
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
      if (devices.length > 0) return devices.map(sourceLine);
      const reason = failure ?? (d.whyNone ? await d.whyNone() : '未找到设备');
      return [{ id: CLI_KIND[d.kind], kind: CLI_KIND[d.kind], label: KIND_LABEL[d.kind], available: false, reason }];
    }),
  );
  return perDriver.flat();
}

/** `--source`: a device id from the list, or a kind (its first device). */
export async function findSource(
  drivers: CameraDriver[],
  source: string,
): Promise<{ driver: CameraDriver; device: CameraDevice } | string> {
  for (const driver of drivers) {
    const devices = await driver.list().catch(() => [] as CameraDevice[]);
    const device =
      devices.find((d) => d.id === source) ??
      (CLI_KIND[driver.kind] === source || driver.kind === source ? devices[0] : undefined);
    if (device) return { driver, device };
    if (CLI_KIND[driver.kind] === source || driver.kind === source) return reasonFor(driver);
  }
  return `找不到相机 ${source}：用 studio camera list 查看可用的相机`;

  async function reasonFor(driver: CameraDriver): Promise<string> {
    return driver.whyNone ? driver.whyNone() : `没有可用的${KIND_LABEL[driver.kind]}`;
  }
}
