import nodemailer, { type Transporter } from 'nodemailer';
import type { ReviewDecision } from '../shared/central';
import { ORDER_STATE_LABELS } from '../shared/domain/order-state';
import { adviceFor } from './console/status';
import type { OrderStore } from './orders';

// E-mail to the student when the centre decides: 审核驳回 (with the reason and what to do) and 审核通过
// (待制作). Off unless an SMTP URL is configured. Sending never blocks or undoes a decision; a failure
// is logged without the address.

export interface MailConfig {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer connection URL). */
  url: string;
  from: string;
  /** The server's public address, for the status page link in the mail. */
  publicUrl?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The notification for one decision, or null when none is sent (pure). */
export function decisionMail(
  d: Pick<ReviewDecision, 'decision' | 'orderNo' | 'reason'>,
  to: string,
  schoolName: string,
  publicUrl?: string,
): MailMessage | null {
  if (!to.includes('@')) return null;
  if (d.decision !== 'rejected' && d.decision !== 'approved') return null;
  const state = d.decision === 'rejected' ? 'rejected' : 'approved';
  const label = d.decision === 'rejected' ? ORDER_STATE_LABELS.rejected : `审核通过（${ORDER_STATE_LABELS.approved}）`;
  const lines = [
    '同学您好：',
    '',
    `您在${schoolName}的毕业生图像采集订单 ${d.orderNo} 审核结果：${label}。`,
    ...(d.decision === 'rejected' ? [`驳回原因：${d.reason}`] : []),
    adviceFor(state),
    ...(publicUrl ? ['', `查询进度：${publicUrl.replace(/\/$/, '')}/status（订单号 + 证件号后 4 位）`] : []),
    '',
    '本邮件由集中采集服务自动发送，请勿回复。',
  ];
  return { to, subject: `【图像采集】订单 ${d.orderNo} ${label}`, text: lines.join('\n') };
}

export class Mailer {
  private readonly transport: Transporter;
  private readonly pending = new Set<Promise<void>>();
  sent = 0;
  failed = 0;

  constructor(
    private readonly config: MailConfig,
    private readonly orders: OrderStore,
    private readonly log: (msg: string, detail: Record<string, unknown>) => void,
  ) {
    this.transport = nodemailer.createTransport(config.url);
  }

  /** Called after each decision; sends in the background. */
  decided(d: ReviewDecision): void {
    const job = this.send(d).finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  private async send(d: ReviewDecision): Promise<void> {
    try {
      const order = await this.orders.snapshot(d.orderUuid);
      if (!order) return;
      const msg = decisionMail(d, order.snapshot.student.email, order.snapshot.event.schoolName, this.config.publicUrl);
      if (!msg) return;
      await this.transport.sendMail({ from: this.config.from, ...msg });
      this.sent++;
      this.log('mail sent', { order: d.orderUuid, decision: d.decision });
    } catch (err) {
      this.failed++;
      this.log('mail failed', {
        order: d.orderUuid,
        error: err instanceof Error ? err.message.slice(0, 200) : 'error',
      });
    }
  }

  /** Waits for mails in flight (graceful shutdown, tests). */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  close(): void {
    this.transport.close();
  }
}
