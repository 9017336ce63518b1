import { useTestApp } from '../helpers/app.js';
import { addMember, signup, synqError, type SynqAccount } from '../helpers/synq.js';
import { asBearer } from '../helpers/tokens.js';

describe('Synq organization members', () => {
  const t = useTestApp();
  let admin: SynqAccount;

  beforeAll(async () => {
    admin = await signup(t);
  });

  it('lists the members of the caller’s organization only', async () => {
    const viewer = await addMember(t, admin, 'VIEWER');
    const outsider = await signup(t);
    const response = await t.http.get('/api/v1/organization/members').set(asBearer(viewer.idToken));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        { uid: admin.uid, email: admin.email, role: 'ADMIN', status: 'ACTIVE' },
        { uid: viewer.uid, email: viewer.email, role: 'VIEWER', status: 'ACTIVE' },
      ]),
    );
    expect((response.body as Array<{ uid: string }>).map((m) => m.uid)).not.toContain(outsider.uid);
  });

  it('invite: 409 for an existing email, 400 for a bad role', async () => {
    const taken = await t.http.post('/api/v1/organization/members').set(asBearer(admin.idToken)).send({ email: admin.email, role: 'EDITOR' });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual(synqError('Conflict: An account with this email already exists'));
    const role = await t.http.post('/api/v1/organization/members').set(asBearer(admin.idToken)).send({ email: 'r@example.com', role: 'admin' });
    expect(role.status).toBe(400);
    expect(role.body).toEqual(synqError('Bad Request: role: must be one of: ADMIN, EDITOR, VIEWER'));
  });

  it('change role: 200 with the member; another org’s member is 404', async () => {
    const editor = await addMember(t, admin, 'EDITOR');
    const response = await t.http.patch(`/api/v1/organization/members/${editor.uid}`).set(asBearer(admin.idToken)).send({ role: 'ADMIN' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ uid: editor.uid, email: editor.email, role: 'ADMIN', status: 'ACTIVE' });

    const outsider = await signup(t);
    const foreign = await t.http.patch(`/api/v1/organization/members/${outsider.uid}`).set(asBearer(admin.idToken)).send({ role: 'VIEWER' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(synqError('Not Found: Member not found'));
  });

  it('the last ADMIN can be neither demoted nor removed', async () => {
    const solo = await signup(t);
    const demote = await t.http.patch(`/api/v1/organization/members/${solo.uid}`).set(asBearer(solo.idToken)).send({ role: 'EDITOR' });
    expect(demote.status).toBe(409);
    expect(demote.body).toEqual(synqError('Conflict: An organization needs at least one ADMIN'));
    const remove = await t.http.delete(`/api/v1/organization/members/${solo.uid}`).set(asBearer(solo.idToken));
    expect(remove.status).toBe(409);
    expect(remove.body).toEqual(synqError('Conflict: An organization needs at least one ADMIN'));
  });

  it('remove: 204; the member can no longer sign in or refresh', async () => {
    const viewer = await addMember(t, admin, 'VIEWER');
    const removed = await t.http.delete(`/api/v1/organization/members/${viewer.uid}`).set(asBearer(admin.idToken));
    expect(removed.status).toBe(204);
    const refresh = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: viewer.refreshToken });
    expect(refresh.status).toBe(401);
    const again = await t.http.delete(`/api/v1/organization/members/${viewer.uid}`).set(asBearer(admin.idToken));
    expect(again.status).toBe(404);
    expect(again.body).toEqual(synqError('Not Found: Member not found'));
  });
});
