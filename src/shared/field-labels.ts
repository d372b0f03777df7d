// Chinese names of the request fields, for messages that zod writes itself (type errors, enum values, …) and for
// forms that show a server problem next to a field. One list for every contract domain.

export const FIELD_LABELS: Record<string, string> = {
  eventId: '采集活动',
  schoolName: '学校名称',
  schoolCode: '学校编码',
  featureCode: '特征码',
  date: '日期',
  day: '日期',
  fee: '费用',
  feeFen: '费用',
  stationName: '工位名称',
  shippingRegion: '所在地区',
  shippingAddress: '详细地址',
  payload: '采集码内容',
  query: '搜索内容',
  source: '登记方式',
  rosterEntryId: '名单学生',
  name: '姓名',
  studentNo: '学号',
  collectionCode: '采集码',
  gender: '性别',
  idNumber: '证件号',
  idLast4: '证件号后 4 位',
  major: '专业/院系',
  educationLevel: '学历',
  educationType: '学历类别',
  campusType: '所在校别',
  email: '电子邮箱',
  phone: '联系电话',
  operator: '操作员',
  orderId: '订单',
  orderIds: '订单',
  paymentId: '付款记录',
  method: '付款方式',
  reference: '交易单号',
  payerNote: '备注',
  expectedAmountFen: '应收金额',
  kind: '操作类型',
  reason: '原因',
  state: '订单状态',
  limit: '数量',
  offset: '起始位置',
  imageBase64: '图像',
  profileId: '照片规格',
  fileName: '文件名',
  contentBase64: '文件内容',
  nameRule: '命名规则',
  paper: '纸张',
  printer: '打印机',
  backdrop: '背景模式',
  override: '未初审收费',
};

/** The label of a field path such as `orderIds.2` or `override.reason`; '' for the whole request. */
export function fieldLabel(path: string): string {
  if (!path) return '';
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  for (let i = parts.length - 1; i >= 0; i--) {
    const label = FIELD_LABELS[parts[i]!];
    if (label) return label;
  }
  return '该项';
}
