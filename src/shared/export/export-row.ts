import { formatFen } from '../domain/event';
import type { NamingValues } from './naming-rule';

// One exported photo and its manifest line. Identity fields are the masked forms only (姓名 黄*正,
// 证件号 4430**********1234); the plaintext never reaches an export.

export interface ExportRow {
  orderId: string;
  orderNo: string;
  orderStateLabel: string;
  collectionCode: string | null;
  studentNo: string | null;
  maskedName: string;
  gender: string | null;
  maskedIdNumber: string | null;
  schoolCode: string;
  schoolName: string;
  major: string | null;
  educationLevel: string | null;
  educationCategory: string | null;
  campusType: string | null;
  paymentMethodLabel: string | null;
  amountFen: number | null;
  photoSha256: string;
  photoBytes: number;
  /** Absolute path of the final photo on this station (not written to the manifest). */
  photoPath: string;
}

export function namingValues(row: ExportRow): NamingValues {
  return {
    采集码: row.collectionCode,
    学号: row.studentNo,
    订单号: row.orderNo,
    姓名: row.maskedName,
    学校编码: row.schoolCode,
    专业: row.major,
    学历: row.educationLevel,
  };
}

export const MANIFEST_HEADER = [
  '序号',
  '文件名',
  '采集码',
  '学号',
  '姓名',
  '性别',
  '证件号',
  '学校编码',
  '学校名称',
  '专业/院系',
  '学历',
  '学历类别',
  '所在校别',
  '订单号',
  '订单状态',
  '支付方式',
  '金额（元）',
  '照片SHA-256',
  '照片字节数',
] as const;

export function manifestCells(index: number, fileName: string, row: ExportRow): string[] {
  return [
    String(index),
    fileName,
    row.collectionCode ?? '',
    row.studentNo ?? '',
    row.maskedName,
    row.gender ?? '',
    row.maskedIdNumber ?? '',
    row.schoolCode,
    row.schoolName,
    row.major ?? '',
    row.educationLevel ?? '',
    row.educationCategory ?? '',
    row.campusType ?? '',
    row.orderNo,
    row.orderStateLabel,
    row.paymentMethodLabel ?? '',
    row.amountFen === null ? '' : formatFen(row.amountFen),
    row.photoSha256,
    String(row.photoBytes),
  ];
}

/**
 * Orders whose photo goes to the school / central office: paid and submitted (待审核, 采集中 after a retake),
 * approved (待制作) or done (采集完成). 待支付 is not paid yet; 审核驳回 waits for a new photo.
 */
export const EXPORTABLE_STATES = ['pending_review', 'collecting', 'approved', 'done'] as const;
