// 人脸一致性 (issue 13): the warning on the capture result when the face does not fit the order.
export const face = {
  /** the photographer checked the student against the warning */
  confirm: '已核对是本人',
  title: '请核对学生身份',
  differentPerson: '人脸与本订单之前拍摄的照片不一致，可能不是同一人。',
  otherStudent: (who: string) => `人脸与本活动另一名学生（${who}）已绑定的照片相似，可能拍摄号错位。`,
  similarity: (v: number) => `相似度 ${v.toFixed(2)}`,
  hint: '确认是本人后可继续；若拍错了人，请重新拍摄并核对拍摄号或采集码。',
} as const;
