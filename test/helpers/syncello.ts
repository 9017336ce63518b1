import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';
import { asBearer } from './tokens.js';

export const PASSWORD = 'correct horse battery staple';
export const ADMIN = { email: 'root@example.com', password: 'admin password 123' };
/** Env that makes the app bootstrap the admin above. */
export const ADMIN_ENV = { SYNCELLO_ADMIN_EMAIL: ADMIN.email, SYNCELLO_ADMIN_PASSWORD: ADMIN.password };

export interface TestUser {
  id: string;
  email: string;
  apiKey: string;
  sessionToken: string;
}

export async function registerUser(t: TestApp, email = `u-${randomUUID()}@example.com`): Promise<TestUser> {
  const registered = await t.http.post('/v1/auth/register').send({ email, password: PASSWORD }).expect(201);
  const body = registered.body as { data: { user: { id: string }; apiKey: string } };
  return { id: body.data.user.id, email, apiKey: body.data.apiKey, sessionToken: await login(t, email, PASSWORD) };
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const response = await t.http.post('/v1/auth/login').send({ email, password }).expect(200);
  return (response.body as { data: { sessionToken: string } }).data.sessionToken;
}

export async function setRole(t: TestApp, userId: string, role: 'admin' | 'member' | 'viewer'): Promise<void> {
  const adminSession = await login(t, ADMIN.email, ADMIN.password);
  await t.http.patch(`/v1/admin/users/${userId}`).set(asBearer(adminSession)).send({ role }).expect(200);
}

export async function connectTape(t: TestApp, user: TestUser, apiKey: string): Promise<void> {
  await t.http.put('/v1/account/connections/tape').set(asBearer(user.sessionToken)).send({ apiKey }).expect(200);
}
