import { Body, Controller, Get, Headers, Module, Param, Post, Query } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { aServiceRequest } from '@escalade/domain/testing';
import { EventStreamQuery } from '../events/dto/event-stream.query';
import { resumePosition } from '../events/event-tail';
import { CreateServiceRequestDto } from '../service-requests/dto/create-service-request.dto';
import { ListServiceRequestsQuery } from '../service-requests/dto/list-service-requests.query';
import { CloseServiceRequestDto } from '../service-requests/dto/ticket-actions.dto';
import { createApiApp } from '../setup-app';
import { optionalTenantIdPipe, ticketIdPipe } from './id.pipe';

/** The API's real DTOs and pipes behind routes that only echo what passed the boundary. */
@Controller('echo')
class EchoController {
  @Post('service-requests')
  open(@Body() dto: CreateServiceRequestDto) {
    return dto;
  }

  @Get('service-requests')
  list(@Query() query: ListServiceRequestsQuery) {
    return query;
  }

  @Post('service-requests/:id/close')
  close(@Param('id', ticketIdPipe) id: string, @Body() body: CloseServiceRequestDto) {
    return { id, ...body };
  }

  @Post('service-requests/:id/cancel')
  cancel(@Param('id', ticketIdPipe) id: string) {
    return { id };
  }

  @Get('service-requests/:id')
  get(@Param('id', ticketIdPipe) id: string, @Query('partnerTenantId', optionalTenantIdPipe) partnerTenantId: string | undefined) {
    return { id, partnerTenantId: partnerTenantId ?? null };
  }

  @Get('events')
  events(@Query() query: EventStreamQuery, @Headers('last-event-id') lastEventId?: string) {
    return { after: resumePosition(lastEventId, query.after ?? 0) };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const valid = () => ({ ...aServiceRequest(), requestId: 'INC-1' }) as Record<string, unknown>;
const marketplace = () => ({
  ...valid(),
  product: 'marketplace',
  marketplace: { productName: 'Acme Backup', isv: { name: 'Acme', supportUrl: 'https://acme.example/support' } },
});

describe('the strict input boundary (real DTOs, pipes and parsers behind echo routes)', () => {
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());
  const fields = (res: request.Response) => (res.body.errors as Array<{ field: string }>).map((e) => e.field);
  const problemsOf = (res: request.Response, field: string) =>
    (res.body.errors as Array<{ field: string; problems: string[] }>).find((e) => e.field === field)?.problems;

  beforeAll(async () => {
    app = await createApiApp(EchoModule, { logger: false });
    await app.init();
  });

  afterAll(() => app?.close());

  it('passes a valid request on as its DTO', async () => {
    const { body } = await http().post('/echo/service-requests').send(marketplace()).expect(201);
    expect(body).toMatchObject({ requestId: 'INC-1', marketplace: { isv: { name: 'Acme' } } });
  });

  it.each([
    ['partner', []],
    ['partner', [aServiceRequest().partner]],
    ['contact', []],
    ['customer', []],
    ['customer', 'contoso.com'],
  ])('refuses %s as %j: nested objects must be objects', async (field, value) => {
    const res = await http().post('/echo/service-requests').send({ ...valid(), [field]: value }).expect(400);
    expect(fields(res)).toEqual([field]);
    expect(problemsOf(res, field)).toContain(`${field} must be a JSON object`);
  });

  it('refuses a marketplace that is an array, an isv that is an array, and a marketplace without its isv', async () => {
    const m = marketplace();
    expect(fields(await http().post('/echo/service-requests').send({ ...m, marketplace: [] }).expect(400))).toEqual(['marketplace']);
    const isvArray = { ...m, marketplace: { productName: 'Acme Backup', isv: [] } };
    expect(fields(await http().post('/echo/service-requests').send(isvArray).expect(400))).toEqual(['marketplace.isv']);
    const noIsv = { ...m, marketplace: { productName: 'Acme Backup' } };
    expect(fields(await http().post('/echo/service-requests').send(noIsv).expect(400))).toEqual(['marketplace.isv']);
  });

  it('refuses null for an optional field instead of taking it for absent', async () => {
    const res = await http().post('/echo/service-requests/T-1/close').send({ resolution: 'Fixed', closedBy: null }).expect(400);
    expect(fields(res)).toEqual(['closedBy']);
  });

  it('refuses a body nested past 10 levels with a 400 naming body, however deep', async () => {
    // 7,000 levels: 14 kB, within the echo route's body limit (16 kB), so the depth is what is refused
    for (const depth of [11, 7_000]) {
      const res = await http()
        .post('/echo/service-requests')
        .set('content-type', 'application/json')
        .send(`{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`)
        .expect(400);
      expect(fields(res)).toEqual(['body']);
    }
  });

  it('refuses strings longer than what stores and sends them: a 3 KB domain name', async () => {
    const customer = { ...aServiceRequest().customer, domain: `${'a'.repeat(60)}.`.repeat(50) + 'com' };
    const res = await http().post('/echo/service-requests').send({ ...valid(), customer }).expect(400);
    expect(fields(res)).toEqual(['customer.domain']);
    expect(fields(await http().get(`/echo/service-requests?customer=${'c'.repeat(254)}`).expect(400))).toEqual(['customer']);
    expect(fields(await http().get(`/echo/service-requests?cursor=${'c'.repeat(513)}`).expect(400))).toEqual(['cursor']);
  });

  it('reads positions as whole numbers up to MAX_SAFE_INTEGER, in the query and in Last-Event-ID', async () => {
    expect((await http().get('/echo/events?after=9007199254740991').expect(200)).body).toEqual({ after: 9007199254740991 });
    for (const after of ['9007199254740993', '1e3', '0x10', '1.0', '', '12345678901234567890']) {
      expect(fields(await http().get(`/echo/events?after=${after}`).expect(400))).toEqual(['after']);
    }
    for (const id of ['9007199254740993', 'abc', '-1', '1.5']) {
      expect(fields(await http().get('/echo/events').set('last-event-id', id).expect(400))).toEqual(['Last-Event-ID']);
    }
    expect((await http().get('/echo/events').set('last-event-id', '42').expect(200)).body).toEqual({ after: 42 });
  });

  it('refuses a malformed id with a 400 naming id', async () => {
    for (const id of ['x'.repeat(5_000), 'a%2Fb', '%00', '-leading-dash', 'sp%20ace']) {
      const res = await http().post(`/echo/service-requests/${id}/cancel`).expect(400);
      expect(fields(res)).toEqual(['id']);
    }
    const malformed = await http().post('/echo/service-requests/%ZZ/cancel').expect(400);
    expect(fields(malformed)).toEqual(['path']);
    await http().post('/echo/service-requests/T-1/cancel').expect(201, { id: 'T-1' });
  });

  it("refuses a ticket key for an id: a '~' never names another partner's ticket", async () => {
    const res = await http().post('/echo/service-requests/22222222-2222-2222-2222-222222222222~INC-1/cancel').expect(400);
    expect(fields(res)).toEqual(['id']);
  });

  it('takes partnerTenantId as a tenant id, lower-cased, or not at all; anything else is a 400 naming it', async () => {
    await http().get('/echo/service-requests/INC-1').expect(200, { id: 'INC-1', partnerTenantId: null });
    await http()
      .get('/echo/service-requests/INC-1?partnerTenantId=2222AAAA-2222-2222-2222-222222222222')
      .expect(200, { id: 'INC-1', partnerTenantId: '2222aaaa-2222-2222-2222-222222222222' });
    for (const query of ['partnerTenantId=fabrikam.onmicrosoft.com', 'partnerTenantId=', 'partnerTenantId=*', `partnerTenantId=${'2'.repeat(8)}-2222-2222-2222-222222222222&partnerTenantId=x`]) {
      const res = await http().get(`/echo/service-requests/INC-1?${query}`).expect(400);
      expect(problemsOf(res, 'partnerTenantId')).toEqual(['partnerTenantId must be a tenant id (a GUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)']);
    }
  });

  it('answers 415 for other media types, charsets and content encodings, naming the header', async () => {
    const json = JSON.stringify(valid());
    const post = () => http().post('/echo/service-requests');
    for (const type of ['application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await post().set('content-type', type).send(json).expect(415);
      expect(fields(res)).toEqual(['Content-Type']);
    }
    for (const encoding of ['x-foo', 'gzip']) {
      const res = await post().set('content-type', 'application/json').set('content-encoding', encoding).send(json).expect(415);
      expect(fields(res)).toEqual(['Content-Encoding']);
    }
    await post().set('content-type', 'application/json; charset=UTF-8').send(json).expect(201);
  });

  it('parses no form: POST as a form is a 415', async () => {
    await http().post('/echo/service-requests').type('form').send({ title: 'x' }).expect(415);
  });

  it('refuses control characters in every string; multi-line text keeps tabs and line breaks', async () => {
    const isv = { name: 'Acme', supportUrl: 'https://acme.example/\u0000support' };
    const withNul = { ...marketplace(), marketplace: { productName: 'Acme Backup', isv } };
    expect(fields(await http().post('/echo/service-requests').send(withNul).expect(400))).toEqual(['marketplace.isv.supportUrl']);
    expect(fields(await http().post('/echo/service-requests').send({ ...valid(), title: 'two\nlines' }).expect(400))).toEqual(['title']);
    await http().post('/echo/service-requests').send({ ...valid(), description: 'line one\r\n\tline two' }).expect(201);
    const nul = await http().post('/echo/service-requests').send({ ...valid(), description: 'nul \u0000' }).expect(400);
    expect(fields(nul)).toEqual(['description']);
    const surrogate = await http().post('/echo/service-requests').send({ ...valid(), title: 'half \ud800' }).expect(400);
    expect(fields(surrogate)).toEqual(['title']);
    // validator.js's isEmail throws on a lone surrogate: the string must not reach it.
    const contact = { ...aServiceRequest().contact, email: '\udfffada@fabrikam.com' };
    const email = await http().post('/echo/service-requests').send({ ...valid(), contact }).expect(400);
    expect(email.body.errors).toEqual([{ field: 'contact.email', problems: ['contact.email must be well-formed Unicode (no lone surrogate)'] }]);
  });

  it('refuses unknown keys whatever their name, at every level, naming each', async () => {
    const res = await http()
      .post('/echo/service-requests')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"x":1},"constructor":1,').replace('"partner":{', '"partner":{"__proto__":1,"toString":"x",'),
      )
      .expect(400);
    expect(fields(res)).toEqual(['__proto__', 'constructor', 'partner.__proto__', 'partner.toString']);
    expect(problemsOf(res, 'partner.__proto__')).toEqual(['property __proto__ should not exist']);
    const close = '{"resolution":"x","__proto__":1}';
    expect(fields(await http().post('/echo/service-requests/T-1/close').set('content-type', 'application/json').send(close).expect(400))).toEqual([
      '__proto__',
    ]);
    const query = await http().get('/echo/service-requests?__proto__=1&hasOwnProperty=x&valueOf=1').expect(400);
    expect(fields(query)).toEqual(['__proto__', 'hasOwnProperty', 'valueOf']);
  });

  it('names body for malformed JSON, a body that is not an object, text that is not UTF-8, and 413 past the limit', async () => {
    const post = () => http().post('/echo/service-requests').set('content-type', 'application/json');
    for (const text of ['{"title":', "{'title':'x'}", 'null', '"x"', '[]', '[{}]']) {
      expect(fields(await post().send(text).expect(400))).toEqual(['body']);
    }
    const notUtf8 = Buffer.from('{"title":"\xff"}', 'latin1');
    const asIs = (raw: Buffer) => raw as unknown as string; // superagent writes a Buffer as it is
    expect(fields(await post().serialize(asIs).send(notUtf8).expect(400))).toEqual(['body']);
    const huge = JSON.stringify({ ...valid(), description: 'x'.repeat(300_000) });
    const tooLarge = await post().send(huge).expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, errors: [{ field: 'body' }] });
  });

  it('names a query parameter with a malformed escape', async () => {
    expect(fields(await http().get('/echo/service-requests?customer=%FF').expect(400))).toEqual(['customer']);
  });
});
