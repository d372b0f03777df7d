// Live view and camera choice, shared by 签到 and 拍摄.
export const camera = {
  sourceStation: '工作站相机',
  sourceBrowser: '浏览器摄像头',
  source: '画面来源',
  device: '相机',
  refresh: '刷新设备',
  liveOff: '实时取景未开启',
  connecting: '正在连接相机…',
  browserDenied: '无法打开浏览器摄像头：请允许使用摄像头，或改用工作站相机',
  nextSample: '下一位（演示）',
  sample: (s: string) => `示例照片 ${s}`,
  kinds: { dslr: '单反相机', webcam: 'USB 摄像头', hotfolder: '热文件夹', replay: '演示相机' } as Record<
    string,
    string
  >,
} as const;
