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
  // 采集码 and 特征码: facts from the seeds' 集中采集 manuals and the station's parser (shared/domain/qr-payload.ts,
  // docs/qr-payload.md); nothing here describes a format the station does not read.
  codesTitle: '采集码与特征码',
  qrTitle: '学信网采集码（二维码）',
  qrWhere: '学生登录学信网，在“学信档案”中获取图像采集码，签到时出示手机上的二维码。',
  qrCarries: '二维码中带有：',
  qrFields: [
    ['采集码', '16 位十六进制字符（0–9、a–f），如 c8bade99b9b2edca，每位学生一个'],
    ['姓名', '已脱敏，如 黄*正'],
    ['证件号', '已脱敏：前 4 位 + 星号 + 后 4 位，如 4430**********002X；含完整证件号的二维码会被拒绝'],
    ['学号', '字母、数字、-、_，最多 32 位'],
    ['学校编码', '5 位数字，须与本次活动的学校编码一致'],
    ['性别、学历、学历类别、所在校别、专业/院系', '按学校登记的内容'],
  ] as ReadonlyArray<readonly [string, string]>,
  qrFormats:
    '本工作站能识别的内容：CSQR1 格式的二维码（以 CSQR1: 开头；学校自行生成或 studio demo qr 生成的样例），或只有 16 位采集码（在已导入的名单中查找学生）。学信网加密的二维码内容未公开，需另行接入对应的解码器。',
  featureTitle: '特征码',
  featureText:
    '特征码由学生所属高校通知获取（学校老师提供），每次采集活动一个，在“采集活动”中填写。签到时须与活动的特征码完全一致（只去掉首尾空格），形式不一：如 24 位的 1a2d9fb8a5f1c2ba03ae58a7，也可能是较短的字母，最多 64 个字符。',
  scanFailTitle: '扫码失败时操作员输入什么',
  scanFailSteps: [
    '在扫码输入框中输入学生学信档案里的 16 位采集码，按回车：名单中有该学生时带出名单信息。',
    '在“花名册查找”中输入学号、采集码或姓名，从名单中选出该学生。',
    '名单中也没有时，点“手动登记”，按证件信息填写；采集码必填（学信档案中的 16 位）。',
    '无论哪种方式，都请学生说出证件号后 4 位，与采集码或名单中的证件号核对。',
  ],
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
