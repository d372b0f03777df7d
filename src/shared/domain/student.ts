import { z } from 'zod';

// The 学生个人信息 of the seeds' form, as the station holds it (never a plaintext 证件号).

export const Gender = z.enum(['男', '女'], { error: '性别应为“男”或“女”' });
export type Gender = z.infer<typeof Gender>;

/** What a 采集码 QR payload (or a roster row) tells us about a student. */
export interface StudentIdentity {
  collectionCode: string | null;
  /** Masked as the payload carries it (黄*正) or the full name when a roster provides it. */
  name: string;
  /** First 4 + stars + last 4 (see id-number.ts). */
  idMasked: string;
  studentNo: string;
  gender: Gender | null;
  schoolCode: string;
  educationLevel: string;
  educationType: string;
  campusType: string;
  major: string;
}

export const EDUCATION_LEVELS = ['专科', '本科', '第二学士学位', '硕士研究生', '博士研究生'] as const;
