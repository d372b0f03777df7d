// Why a source cannot become a compliant photo: a stable code for programs, a Chinese sentence for the operator.

export type RefusalCode =
  | 'unreadable_image'
  | 'image_too_large'
  | 'no_face'
  | 'multiple_faces'
  | 'face_too_small'
  | 'head_cut_top'
  | 'subject_cut_side'
  | 'shoulders_cut'
  | 'source_too_short'
  | 'head_proportions'
  | 'size_out_of_bounds'
  | 'segmentation_unavailable';

export const refusalMessages: Record<RefusalCode, string> = {
  unreadable_image: '无法读取图像：文件损坏或不是支持的图片格式',
  image_too_large: '图像像素过多，超出本工作站可处理的上限',
  no_face: '未检测到人脸：请让学生正对镜头后重拍',
  multiple_faces: '画面中有多于一张人脸：请确保只有学生本人入镜',
  face_too_small: '人脸过小：需过度放大才能达到 480×640 的要求，请靠近拍摄或使用更高分辨率',
  head_cut_top: '头顶被裁切：请在头顶上方留出空间后重拍',
  subject_cut_side: '人像在画面左右边缘被截断：请让学生居中后重拍',
  shoulders_cut: '双肩未完整入镜：请拉远或让学生居中后重拍',
  source_too_short: '画面下方拍摄范围不足：请拍到胸部（至少第三颗纽扣）',
  head_proportions: '头部比例异常（例如发髻过高），无法同时满足头顶与眼睛位置要求',
  size_out_of_bounds: '无法在规定的文件大小范围内编码（不允许填充文件）',
  segmentation_unavailable: '人像分割模型不可用，无法替换背景：请检查模型文件（models/selfie.onnx）',
};

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export function refusal(code: RefusalCode): Refusal {
  return { code, message: refusalMessages[code] };
}
