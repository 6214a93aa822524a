import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Whom the sender asked the server to deliver it to (RCPT TO). */
  recipients: string[];
  messageId?: string;
  subject?: string;
  text?: string;
  /** The HTML part as sent, if any. */
  html?: string | false;
  /** Every header, by its lower-case name. */
  headers: Map<string, unknown>;
}

export interface SmtpReceiver {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1, without TLS or authentication, answering each message with the next scripted reply
 * code (250 accepts it; 550 refuses it …); the last one repeats. Refused messages are not kept.
 */
export async function startSmtpReceiver(replies: number[] = [250]): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  let messages = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const reply = replies[Math.min(++messages, replies.length) - 1];
      simpleParser(stream).then(
        (mail) => {
          if (reply !== 250) return callback(Object.assign(new Error(`Refused by the test receiver (${reply})`), { responseCode: reply }));
          const { messageId, subject, text, html, headers } = mail;
          received.push({ recipients: session.envelope.rcptTo.map(({ address }) => address), messageId, subject, text, html, headers });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
