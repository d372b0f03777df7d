// Shell, navigation and shared words.
export const common = {
  appTitle: '图像采集工作站',
  appSubtitle: 'Collection Studio',
  nav: {
    events: '采集活动',
  },
  common: {
    save: '保存',
    cancel: '取消',
    saving: '正在保存…',
    loading: '正在加载…',
    retry: '重试',
    required: '必填',
    yuan: '元',
  },
  dialog: {
    reasonRequired: (label: string) => `请填写${label}`,
    tooLong: (label: string, max: number) => `${label}最多 ${max} 个字符`,
  },
  call: {
    failed: '操作失败',
    unknown: '未知错误',
  },
  footer: {
    version: '版本',
    dataDir: '数据文件夹',
    schema: '数据库版本',
    offline: '与工作站服务的连接已断开',
  },
} as const;
