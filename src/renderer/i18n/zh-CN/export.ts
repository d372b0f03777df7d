// 导出 page.
export const exportPage = {
  title: '导出',
  intro: '把本活动已通过初审的成片按命名规则打包为 ZIP，并附 CSV 与 XLSX 清单，交学校或采集中心。',
  nameRule: '文件命名规则',
  nameRuleHint: '可用 {采集码}、{学号}、{姓名} 等字段，例如 {学号}.jpg',
  preview: '预览',
  previewHint: '点“预览”查看将导出的文件名与需要处理的问题。',
  filesTitle: '导出内容',
  run: '开始导出',
  running: '正在导出…',
  files: (n: number) => `将导出 ${n} 张照片`,
  problems: '需要处理的问题',
  excluded: '未纳入导出',
  done: (n: number, path: string) => `已导出 ${n} 张照片：${path}`,
  progress: (done: number, total: number) => `${done} / ${total}`,
  /** links to the files the station wrote, for a browser on another machine */
  download: { zip: '下载照片 ZIP', csv: '下载清单 CSV', xlsx: '下载清单 XLSX' },
  columns: { orderNo: '订单号', fileName: '文件名', reason: '原因' },
} as const;
