export type CameraErrorCode =
  'no_camera' | 'busy' | 'disconnected' | 'unsupported' | 'not_installed' | 'disk_full' | 'failed';

/** A camera failure with a message the photographer can act on (Chinese). */
export class CameraError extends Error {
  constructor(
    readonly code: CameraErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

export const CAMERA_MESSAGES: Record<CameraErrorCode, string> = {
  no_camera: '未检测到相机：请检查 USB 数据线是否插好、相机是否开机',
  busy: '相机被其他程序占用：请关闭相机自带软件或自动弹出的文件管理器后重试',
  disconnected: '相机 USB 连接已断开：请重新插好数据线并确认相机未进入休眠',
  unsupported: '该相机不支持此操作',
  not_installed: '未安装相机驱动程序',
  disk_full: '磁盘空间已满：请清理数据盘后继续拍摄',
  failed: '相机操作失败',
};
