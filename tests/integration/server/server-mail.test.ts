import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { decisionMail, startCentralServer } from '../../../src/server';
import { tempDir } from '../../helpers/temp-dir';
import { backends } from './harness';
import { newUuid, snapshot } from './fixtures';

// E-mail to the student on 审核驳回 and 待制作 (nodemailer), against a local SMTP server (smtp-server)
// on 127.0.0.1; nothing is sent when mail is not configured.

interface Received {
  from: string;
  to: string[];
  raw: string;
}

function startSmtp(): Promise<{ port: number; mails: Received[]; close: () => Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        done();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as AddressInfo).port;
      resolve({ port, mails, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

/** The text of a MIME message: RFC 2047 words in headers and base64 / quoted-printable bodies decoded. */
function decoded(raw: string): string {
  // runs of encoded words (folded over lines) are one text: join their bytes, then decode
  const words = raw.replace(/(?:=\?utf-8\?([BQ])\?[^?]*\?=(?:\r?\n?[ \t]+)?)+/gi, (run) => {
    const parts = [...run.matchAll(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi)].map(([, enc, text]) =>
      enc!.toUpperCase() === 'B'
        ? Buffer.from(text!, 'base64')
        : Buffer.from(
            text!
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
    );
    return Buffer.concat(parts).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
  });
  const [head, ...rest] = words.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head!))
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (/content-transfer-encoding:\s*quoted-printable/i.test(head!))
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return `${head}\n\n${body}`;
}

describe('decision e-mail text (pure)', () => {
  it('tells 审核驳回 with the reason and what to do, 待制作 without one, and nothing for 采集完成', () => {
    const rejected = decisionMail(
      { decision: 'rejected', orderNo: 'S1-20260601-0042', reason: '眼镜反光' },
      'a@b.cn',
      '山东师范大学',
      'https://c.example/',
    );
    expect(rejected!.subject).toBe('【图像采集】订单 S1-20260601-0042 审核驳回');
    expect(rejected!.text).toContain('驳回原因：眼镜反光');
    expect(rejected!.text).toContain('重新拍摄');
    expect(rejected!.text).toContain('https://c.example/status');
    const approved = decisionMail({ decision: 'approved', orderNo: 'S1-1', reason: '' }, 'a@b.cn', '某校');
    expect(approved!.subject).toContain('待制作');
    expect(approved!.text).not.toContain('驳回原因');
    expect(decisionMail({ decision: 'done', orderNo: 'S1-1', reason: '' }, 'a@b.cn', '某校')).toBeNull();
    expect(decisionMail({ decision: 'rejected', orderNo: 'S1-1', reason: 'x' }, '', '某校')).toBeNull();
  });
});

describe.each(backends())('decision e-mail over SMTP ($name)', (backend) => {
  it('mails the student on 审核驳回 and 审核通过 through a local SMTP server', async () => {
    const smtp = await startSmtp();
    const tmp = tempDir('studio-central-mail-');
    const logs: string[] = [];
    const server = await startCentralServer({
      dataDir: tmp.dir,
      databaseUrl: await backend.databaseUrl(),
      port: 0,
      version: 'test',
      logStream: { write: (s: string) => (logs.push(s), true) } as unknown as NodeJS.WritableStream,
      mail: {
        url: `smtp://127.0.0.1:${smtp.port}`,
        from: '集中采集服务 <noreply@collect.example.edu.cn>',
        publicUrl: 'https://collect.example.edu.cn',
      },
    });
    try {
      const { token } = await server.services.tokens.createStationToken('邮件站');
      const put = async (revision: number, sha: string) => {
        const uuid = newUuid();
        const s = snapshot({ revision });
        s.finalPhoto!.sha256 = sha;
        const r = await fetch(`${server.url}/v1/orders/${uuid}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(s),
        });
        expect(r.status).toBe(200);
        return { uuid, s };
      };
      const a = await put(1, 'c'.repeat(64));
      const b = await put(1, 'd'.repeat(64));
      await server.services.reviews.decide({
        orderUuid: a.uuid,
        decision: 'rejected',
        reasonCode: 'expression',
        reasonText: '请闭嘴微笑',
        reviewer: '王老师',
      });
      await server.services.reviews.decide({ orderUuid: b.uuid, decision: 'approved', reviewer: '王老师' });
      await server.services.mailer!.flush();
      expect(smtp.mails.length).toBe(2);
      expect(smtp.mails.every((m) => m.to.join() === a.s.student.email)).toBe(true);
      const [rejected, approved] = smtp.mails.map((m) => decoded(m.raw));
      expect(rejected).toContain(`订单 ${a.s.orderNo} 审核驳回`);
      expect(rejected).toContain('驳回原因：表情/未闭嘴：请闭嘴微笑');
      expect(rejected).toContain('https://collect.example.edu.cn/status');
      expect(approved).toContain('审核通过（待制作）');
      // the address is not logged
      expect(logs.join('')).toContain('mail sent');
      expect(logs.join('')).not.toContain(a.s.student.email);
    } finally {
      await server.close();
      await smtp.close();
      tmp.cleanup();
    }
  });

  it('sends nothing when mail is not configured', async () => {
    const smtp = await startSmtp();
    const tmp = tempDir('studio-central-nomail-');
    const server = await startCentralServer({
      dataDir: tmp.dir,
      databaseUrl: await backend.databaseUrl(),
      port: 0,
      version: 'test',
      logStream: null,
    });
    try {
      expect(server.services.mailer).toBeNull();
      const { token } = await server.services.tokens.createStationToken('无邮件站');
      const uuid = newUuid();
      await fetch(`${server.url}/v1/orders/${uuid}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(snapshot({ revision: 1 })),
      });
      await server.services.reviews.decide({ orderUuid: uuid, decision: 'approved', reviewer: '王老师' });
      expect(smtp.mails).toEqual([]);
    } finally {
      await server.close();
      await smtp.close();
      tmp.cleanup();
    }
  });
});
