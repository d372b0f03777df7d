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
  /** What to do when the camera is gone, per kind (shown under the camera choice on 拍摄 and in 设置). */
  help: {
    title: '相机连不上时请逐项检查：',
    dslr: [
      '插好 USB 线（相机与电脑两端），尽量直接插在电脑上，不经过 USB 集线器',
      '打开相机电源，关闭相机的自动关机（省电）',
      '关闭 EOS Utility / Nikon Camera Control / digiCamControl 的实时显示或整个程序：它们会占用相机',
      '关闭插上相机时自动弹出的照片导入或文件管理窗口',
      '仍不行：拔下 USB 线等 5 秒再插上，然后点“刷新设备”',
    ],
    webcam: [
      '插好摄像头的 USB 线，换一个 USB 口试试',
      '关闭正在使用摄像头的其他程序（视频会议、浏览器中的摄像头页面）',
      '拔下再插上后点“刷新设备”',
    ],
    hotfolder: [
      '确认联机软件（EOS Utility、digiCamControl、Nikon NX Tether）正在运行且相机已连接',
      '在联机软件中把照片保存位置设为这里填写的热文件夹，并保存为 JPEG（或 RAW+JPEG）',
      '插好 USB 线并打开相机电源；可关闭联机软件的实时显示，减少占用',
    ],
    replay: ['演示相机使用示例照片，无需连接设备'],
    none: ['插好 USB 线并打开相机，或在 设置 中填写联机软件的热文件夹，然后点“刷新设备”'],
  },
  hotFolderShutter: '热文件夹相机：请在相机上（或联机软件中）按快门，照片会自动归到当前学生',
  hotFolderNoStudent: '当前没有学生：此时拍的照片会放入“未归属”，稍后可归给学生',
  /** 未归属 tray on 拍摄. */
  tray: {
    title: '未归属照片',
    empty: '没有未归属的照片。没有当前学生时在相机上拍的照片会出现在这里。',
    arrived: (time: string, name: string) => `${time} · ${name}`,
    assign: '归给当前学生',
    assignNeedsStudent: '请先签到一位学生，再归属照片',
    assignTitle: '归属照片',
    assignMessage: (student: string) => `把这张照片作为 ${student} 的原片保存并制作成片？`,
    assignConfirm: '归属',
    assigned: (name: string) => `已归属：${name}`,
    discard: '丢弃',
    discardTitle: '丢弃未归属照片',
    discardMessage: '照片会移到数据目录的 camera/unassigned/discarded 中，不会删除。',
    discardReason: '丢弃原因',
    discardConfirm: '丢弃',
    discarded: (name: string) => `已丢弃：${name}`,
    why: (reason: string) => `原因：${reason}`,
    refused: (name: string, reason: string) => `${name} 已存为当前学生的原片，但未通过：${reason}`,
    toTray: (name: string, reason: string) => `${name} 已放入未归属：${reason}`,
    assignFailed: (name: string, reason: string) => `${name} 未能归属：${reason}`,
    assignRefused: (name: string, reason: string) => `${name} 已存为该学生的原片，但未通过：${reason}`,
  },
  /** The camera section of 设置. */
  settings: {
    hotFolder: '热文件夹',
    hotFolderHint: '联机软件（EOS Utility、digiCamControl 等）保存照片的文件夹，如 D:\\EOS 照片',
    hotFolderFromEnv: (dir: string) =>
      `正在使用本机启动时指定的热文件夹：${dir}。要换一个，请在上面填写并点“保存热文件夹”，以后就用这里保存的。`,
    hotFolderSave: '保存热文件夹',
    hotFolderClear: '清除',
    hotFolderSaved: '热文件夹已保存',
    hotFolderCleared: '已清除热文件夹',
    useHotFolder: '设为默认相机',
    gone: '默认相机未连接。',
  },
  kinds: { dslr: '单反相机', webcam: 'USB 摄像头', hotfolder: '热文件夹', replay: '演示相机' } as Record<
    string,
    string
  >,
} as const;
