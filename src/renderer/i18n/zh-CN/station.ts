// The station bar shown on every workflow page: current event and operator.
export const station = {
  event: '当前活动',
  chooseEvent: '请选择采集活动',
  noEvents: '还没有采集活动，请先在“采集活动”页创建',
  operator: '操作员',
  operatorPlaceholder: '输入姓名或工号',
  needEvent: '请先在上方选择当前采集活动',
  needOperator: '请先填写操作员',
  currentStudent: '当前学生',
  noStudent: '尚未签到学生',
  goCheckin: '去签到',
  keys: { checkin: '签到', shoot: '拍摄', accept: '确认', retake: '重拍', pay: '收费' },
  keysTitle: '快捷键',
  nav: {
    checkin: '签到',
    capture: '拍摄',
    payment: '收费',
    orders: '订单',
    reconcile: '对账',
    export: '导出',
  },
} as const;
