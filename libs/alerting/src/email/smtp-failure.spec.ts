import { smtpFailureReason } from './smtp-failure';

describe('smtpFailureReason', () => {
  it.each([
    ['a reply code, whatever the text', { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <d@contoso.com> unknown' }, 'SMTP 550'],
    ['a system error under the socket error', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'connection refused'],
    ['a time-out', { code: 'ETIMEDOUT' }, 'timeout: the SMTP server did not answer in time'],
    ['a refused login', { code: 'EAUTH' }, 'SMTP authentication failed'],
    ['another code of nodemailer', { code: 'EPROTOCOL' }, 'SMTP failure (EPROTOCOL)'],
    ['anything else', new Error('boom'), 'network error'],
  ])('%s', (_case, err, reason) => expect(smtpFailureReason(err)).toBe(reason));
});
