import { anApiKey, httpAs } from '../testing/api-keys';
import { startAuthApp, type AuthApp } from '../testing/auth-app';

const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const NORTHWIND = '33333333-3333-3333-3333-333333333333';
const KEY_FORMAT = /^esk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

describe('API keys (POST/GET/DELETE /api-keys, the real AuthModule on SQLite)', () => {
  let auth: AuthApp;
  /** The local admin key: bound to every partner tenant. */
  let everyPartner: string;
  let fabrikamAdmin: string;

  beforeAll(async () => {
    auth = await startAuthApp();
    everyPartner = auth.localAdminKey!;
    fabrikamAdmin = await anApiKey(auth.app, [FABRIKAM]);
  });
  afterAll(() => auth?.close());

  const create = (admin: string, body: object) => httpAs(auth.app, admin).post('/api-keys').send(body);
  const listed = async (admin: string) => (await httpAs(auth.app, admin).get('/api-keys').expect(200)).body.items as Array<{ id: string; name: string }>;

  it('creates a key, showing it this once, that then signs in with what it was given', async () => {
    const { body } = await create(everyPartner, { name: 'ServiceNow bridge', partnerTenantIds: [FABRIKAM.toUpperCase()], roles: ['coordinator'] }).expect(201);

    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: expect.stringMatching(KEY_FORMAT),
      name: 'ServiceNow bridge',
      prefix: body.key.slice(4, 16),
      partnerTenantIds: [FABRIKAM],
      roles: ['coordinator'],
      createdAt: expect.any(String),
      createdBy: 'local admin',
      lastUsedAt: null,
      revokedAt: null,
    });
    const me = await httpAs(auth.app, body.key).get('/auth/me').expect(200);
    expect(me.body).toEqual({ kind: 'api-key', name: 'ServiceNow bridge', objectId: body.id, role: 'coordinator', partnerTenantIds: [FABRIKAM] });
  });

  it('lists keys, newest first, never with a key or its hash', async () => {
    const { body: created } = await create(everyPartner, { name: 'listed', partnerTenantIds: [NORTHWIND], roles: ['viewer'] }).expect(201);

    const { body, text } = await httpAs(auth.app, everyPartner).get('/api-keys').expect(200);

    expect(body.items[0]).toMatchObject({ id: created.id, name: 'listed', prefix: created.prefix, partnerTenantIds: [NORTHWIND], roles: ['viewer'] });
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'partnerTenantIds', 'prefix', 'revokedAt', 'roles']);
    expect(text).not.toContain(created.key.slice(17));
    expect(text).not.toContain(everyPartner.slice(17));
  });

  it('grants the highest role given; ["*"] is every partner tenant, and stands alone', async () => {
    const { body } = await create(everyPartner, { name: 'ops', partnerTenantIds: ['*'], roles: ['viewer', 'admin'] }).expect(201);
    expect(body).toMatchObject({ partnerTenantIds: ['*'], roles: ['admin'] });

    const mixed = await create(everyPartner, { name: 'mixed', partnerTenantIds: ['*', FABRIKAM], roles: ['viewer'] }).expect(400);
    expect(mixed.body.errors).toEqual([{ field: 'partnerTenantIds', problems: ['partnerTenantIds: "*" stands alone'] }]);
  });

  it('names every invalid field', async () => {
    const { body } = await create(everyPartner, { name: ' ', partnerTenantIds: ['fabrikam'], roles: ['owner'] }).expect(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'partnerTenantIds', 'roles']);
  });

  it('revokes a key: refused from the next request on, listed with its revocation time', async () => {
    const { body: created } = await create(everyPartner, { name: 'to revoke', partnerTenantIds: [FABRIKAM], roles: ['viewer'] }).expect(201);
    await httpAs(auth.app, created.key).get('/auth/me').expect(200);

    await httpAs(auth.app, everyPartner).delete(`/api-keys/${created.id}`).expect(204);

    await httpAs(auth.app, created.key).get('/auth/me').expect(401);
    expect((await listed(everyPartner)).find((key) => key.id === created.id)).toMatchObject({ revokedAt: expect.any(String) });
    await httpAs(auth.app, everyPartner).delete('/api-keys/00000000-0000-4000-8000-000000000000').expect(404);
    await httpAs(auth.app, everyPartner).delete('/api-keys/not-a-uuid').expect(400);
  });

  it('is for admins only', async () => {
    const coordinator = await anApiKey(auth.app, [FABRIKAM], 'coordinator');
    await httpAs(auth.app, coordinator).get('/api-keys').expect(403);
    await create(coordinator, { name: 'x', partnerTenantIds: [FABRIKAM], roles: ['viewer'] }).expect(403);
  });

  describe("an admin bound to one partner tenant (Fabrikam's)", () => {
    it('creates keys for its own partner tenant only, naming partnerTenantIds for any other, and for "*"', async () => {
      await create(fabrikamAdmin, { name: 'own', partnerTenantIds: [FABRIKAM], roles: ['admin'] }).expect(201);

      const other = await create(fabrikamAdmin, { name: 'other', partnerTenantIds: [FABRIKAM, NORTHWIND], roles: ['viewer'] }).expect(400);
      expect(other.body.errors).toEqual([{ field: 'partnerTenantIds', problems: [`partnerTenantIds: you do not act for partner tenant ${NORTHWIND}`] }]);
      const every = await create(fabrikamAdmin, { name: 'every', partnerTenantIds: ['*'], roles: ['viewer'] }).expect(400);
      expect(every.body.errors).toEqual([
        { field: 'partnerTenantIds', problems: ['partnerTenantIds: "*" (every partner) needs a principal bound to every partner tenant'] },
      ]);
    });

    it("neither sees nor revokes another partner's keys, nor every partner's: they are as good as absent", async () => {
      const { body: northwinds } = await create(everyPartner, { name: "Northwind's", partnerTenantIds: [NORTHWIND], roles: ['viewer'] }).expect(201);
      const { body: shared } = await create(everyPartner, { name: 'shared', partnerTenantIds: [FABRIKAM, NORTHWIND], roles: ['viewer'] }).expect(201);
      const { body: fabrikams } = await create(everyPartner, { name: "Fabrikam's", partnerTenantIds: [FABRIKAM], roles: ['viewer'] }).expect(201);

      const seen = (await listed(fabrikamAdmin)).map((key) => key.id);
      expect(seen).toContain(fabrikams.id);
      for (const hidden of [northwinds.id, shared.id, (await listed(everyPartner)).find((key) => key.name === 'local admin')!.id]) {
        expect(seen).not.toContain(hidden);
        const { body } = await httpAs(auth.app, fabrikamAdmin).delete(`/api-keys/${hidden}`).expect(404);
        expect(body.message).toBe(`No API key with id "${hidden}"`);
      }
      await httpAs(auth.app, northwinds.key).get('/auth/me').expect(200);
      await httpAs(auth.app, fabrikamAdmin).delete(`/api-keys/${fabrikams.id}`).expect(204);
    });
  });
});
