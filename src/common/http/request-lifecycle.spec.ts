import { deadlineOf, sweepIntervalOf } from './request-lifecycle.js';

describe('deadlineOf', () => {
  const options = { requestTimeoutMs: 20_000, platformTimeoutMs: 15_000 };

  it('gives a tool execution room for three platform timeouts, so the platform answers 504 first', () => {
    expect(deadlineOf('POST', '/v1/tools/tape/listApps', options)).toBe(65_000);
    expect(deadlineOf('POST', '/v1/tools/tape/listApps?format=json', options)).toBe(65_000);
    // MCP: a tools/call takes the same path.
    expect(deadlineOf('POST', '/v1/mcp', options)).toBe(65_000);
  });

  it('gives every other request the request timeout', () => {
    expect(deadlineOf('GET', '/v1/tools', options)).toBe(20_000);
    expect(deadlineOf('GET', '/v1/tools/tape/listApps', options)).toBe(20_000);
    expect(deadlineOf('POST', '/v1/auth/login', options)).toBe(20_000);
    expect(deadlineOf('GET', '/v1/mcp', options)).toBe(20_000);
    expect(deadlineOf('POST', '/v1/mcpx', options)).toBe(20_000);
    expect(deadlineOf('GET', '/api/v1/products', options)).toBe(20_000);
  });
});

describe('sweepIntervalOf', () => {
  it('checks deadlines ten times per shortest deadline, between 10 and 250 ms', () => {
    expect(sweepIntervalOf(20_000)).toBe(250);
    expect(sweepIntervalOf(1_500)).toBe(150);
    expect(sweepIntervalOf(100)).toBe(10);
  });
});
