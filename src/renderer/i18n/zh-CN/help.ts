// 帮助 page: the station's keyboard shortcuts and the event checklist (from the two operating manuals).
export const help = {
  title: '帮助',
  intro: '键盘快捷键与现场采集检查清单。清单的勾选只保存在本机，按活动分别记录。',
  shortcutsTitle: '键盘快捷键',
  key: '按键',
  action: '作用',
  where: '在哪里',
  shortcuts: {
    checkin: '去签到，光标进入扫码输入框',
    shoot: '拍摄（快门）',
    accept: '接受成片，去收费',
    retake: '重新拍摄',
    pay: '去收费',
  } as Record<string, string>,
  places: { any: '任意页面', checkin: '签到', capture: '拍摄', payment: '收费' } as Record<string, string>,
  typingNote: '在输入框中打字时，空格、回车和 R 只作输入，不触发快捷键。',
  checklistTitle: '现场采集检查清单',
  checklistEvent: (school: string) => `当前活动：${school}`,
  checklistNoEvent: '未选择活动：勾选记录在“未指定活动”下。',
  reset: '清除勾选',
  progress: (done: number, total: number) => `已完成 ${done} / ${total}`,
  checklist: [
    {
      title: '活动前',
      items: [
        '向学校确认特征码、学校编码、采集日期和收费标准（集中采集 15 元/人），在“采集活动”中创建活动',
        '导入学校名单（CSV 或 XLSX），处理未导入的行',
        '通知学生提前登录学信网、在学信档案中获取图像采集码',
        '在“设置”中核对工作站编号、操作员名单、签到必填项',
        '连接收据打印机，选择纸张并测试打印',
        '连接相机并设为默认相机；布置背景：蓝色背景布（色号 28BEFA）或均匀无阴影的普通背景，并选择对应的背景模式',
      ],
    },
    {
      title: '每位学生',
      items: [
        '扫描采集码（或查找名单、手动登记），核对姓名、学号、学历、所在校别，请学生说出证件号后 4 位',
        '提醒拍照要求：免冠正面、双眼平视睁开、嘴唇闭合、双耳对称露出、双肩平衡、头发不遮挡耳朵和眉毛',
        '摘下耳环、项链等饰品和发饰；不戴有色或隐形美瞳，眼镜无反光；不化浓妆',
        '衣着与背景区分明显，避免复杂图案和条纹，不穿毛领、露肩、低领上衣；拉好拉链、扣好衣领',
        '头顶留出空间，衣服拍到第三个扣子位置；成片须为 480×640 像素的 JPG、30 KB 以上、初审合格',
        '收费（现金、微信、支付宝或学校统一支付），需要时打印收据',
      ],
    },
    {
      title: '活动后',
      items: [
        '在“订单”中处理待支付和审核驳回的订单（驳回的重新拍摄）',
        '在“对账”中核对当天收款，作废或退款的单列，导出对账表',
        '在“导出”中生成照片 ZIP 与清单，交学校或采集中心',
        '提醒学生 3 个工作日后在小程序“我的订单”中查看状态：采集完成，或审核驳回后重新上传',
      ],
    },
  ],
} as const;
